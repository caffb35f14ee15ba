/* Frontdesk booking widget embed: filled in by the booking work (issue 3). */
