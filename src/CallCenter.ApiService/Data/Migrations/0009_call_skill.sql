-- A call may ask for a skill (set when it is routed): agents of any department holding it are eligible, and with
-- proficiency-first their level orders them.
ALTER TABLE calls ADD COLUMN skill text;
