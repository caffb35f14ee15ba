-- The index on prospects(vendor) made the planner read a whole list
-- through it: on Frontdesk's own store every prospect has vendor NULL, so
-- the list's count and each filter looked up 100,000 rows one by one
-- (0.2 s at 100,000 prospects against 0.02 s for a plain scan). The
-- queries filter on the vendor without an index (`+p.vendor IS ?`) and
-- walk prospects_created for the newest-first order; one vendor's record
-- is found through prospects_remote.
DROP INDEX IF EXISTS prospects_vendor;
