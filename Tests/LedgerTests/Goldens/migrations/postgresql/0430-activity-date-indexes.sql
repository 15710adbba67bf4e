CREATE INDEX activity_vehicle_events_time ON vehicle_events (event_time);

CREATE INDEX activity_appointments_created ON appointments (created_at);

CREATE INDEX activity_fleet_bookings_out ON fleet_bookings (checked_out_at);

CREATE INDEX activity_warranty_claims_submitted ON warranty_claims (submitted_on);
