-- Demo customers for dev and tests only (never on the production migration path). Keyed by the unique email,
-- so running it again, from any replica, inserts nothing twice.
INSERT IGNORE INTO customer (first_name, last_name, date_of_birth, email, house_flat_no, address_line1, address_line2, post_code, city, county) VALUES
    ('John',    'Smith',    '1980-03-14', 'john.smith@example.com',    '12',  'High Street',     NULL,          'SW1A 1AA', 'London',     NULL),
    ('Jane',    'Doe',      '1985-07-22', 'jane.doe@example.com',      '4B',  'Station Road',    'Flat 2',      'M1 1AE',   'Manchester', 'Lancashire'),
    ('Peter',   'Parker',   '1990-11-02', 'peter.parker@example.com',  '221', 'Baker Street',    NULL,          'NW1 6XE',  'London',     NULL),
    ('Mary',    'Jones',    '1975-01-30', 'mary.jones@example.com',    '7',   'Church Lane',     'Old Village', 'CB2 1TN',  'Cambridge',  'Cambs'),
    ('William', 'Brown',    '1968-09-09', 'william.brown@example.com', '33',  'Victoria Avenue', NULL,          'LS1 4DY',  'Leeds',      'West Yorks');
