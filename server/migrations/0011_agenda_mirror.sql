-- An agenda kept by a vendor (OnlineAfspraken): its setup (the agenda, its
-- coaches and rooms, appointment types and their questions) mirrored here
-- so the widget's pages read it as fast as the local one's; availability
-- and bookings are read from the vendor live. `vendor` NULL: Frontdesk's
-- own. A booking made through Frontdesk with a vendor behind it keeps the
-- vendor's id beside Frontdesk's (the manage link's token is Frontdesk's).
ALTER TABLE agendas ADD COLUMN vendor TEXT;
ALTER TABLE agendas ADD COLUMN remote_id TEXT;
CREATE UNIQUE INDEX agendas_remote ON agendas(vendor, remote_id) WHERE vendor IS NOT NULL;

ALTER TABLE resources ADD COLUMN remote_id TEXT;
CREATE UNIQUE INDEX resources_remote ON resources(agenda_id, remote_id) WHERE remote_id IS NOT NULL;

ALTER TABLE appointment_types ADD COLUMN remote_id TEXT;
-- Staff may book it, the widget may not (OnlineAfspraken's
-- CanBeBookedByConsumer = 0).
ALTER TABLE appointment_types ADD COLUMN public INTEGER NOT NULL DEFAULT 1;
CREATE UNIQUE INDEX appointment_types_remote ON appointment_types(agenda_id, remote_id) WHERE remote_id IS NOT NULL;

ALTER TABLE appointments ADD COLUMN remote_id TEXT;
CREATE UNIQUE INDEX appointments_remote ON appointments(agenda_id, remote_id) WHERE remote_id IS NOT NULL;
