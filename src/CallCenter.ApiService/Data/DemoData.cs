using Npgsql;

namespace CallCenter.ApiService.Data;

/// <summary>Development's demo floor: 8 agents, 10 customers and a few tickets. Safe to run on every start.</summary>
internal static class DemoData
{
    private const string Sql = """
        INSERT INTO agents (agent_id, name, email, department, languages, status, activity) VALUES
            ('AGT-001', 'Sara Al-Qahtani',   'sara@callcenter.local',    'support',    '{ar,en}', 'available', 'available'),
            ('AGT-002', 'Omar Haddad',       'omar@callcenter.local',    'support',    '{ar,en}', 'available', 'available'),
            ('AGT-003', 'Layla Mansour',     'layla@callcenter.local',   'complaints', '{ar,en}', 'available', 'available'),
            ('AGT-004', 'James Carter',      'james@callcenter.local',   'sales',      '{en}',    'available', 'available'),
            ('AGT-005', 'Noura Al-Harbi',    'noura@callcenter.local',   'sales',      '{ar}',    'on_break', 'on_break'),
            ('AGT-006', 'Khalid Al-Otaibi',  'khalid@callcenter.local',  'billing',    '{ar,en}', 'available', 'available'),
            ('AGT-007', 'Emily Brooks',      'emily@callcenter.local',   'billing',    '{en}',    'offline', 'offline'),
            ('AGT-008', 'Faisal Al-Dossari', 'faisal@callcenter.local',  'complaints', '{ar}',    'offline', 'offline')
        ON CONFLICT (agent_id) DO NOTHING;

        INSERT INTO customers (customer_id, name, phone_number, email) VALUES
            ('CUST-001', 'Ahmed Mohamed',      '+966501234567', 'ahmed@example.com'),
            ('CUST-002', 'Fatimah Al-Zahrani', '+966502345678', 'fatimah@example.com'),
            ('CUST-003', 'John Doe',           '+966503456789', 'john@example.com'),
            ('CUST-004', 'Mariam Saleh',       '+966504567890', NULL),
            ('CUST-005', 'Abdullah Al-Shehri', '+966505678901', NULL),
            ('CUST-006', 'Hessa Al-Mutairi',   '+966506789012', 'hessa@example.com'),
            ('CUST-007', 'David Miller',       '+966507890123', NULL),
            ('CUST-008', 'Reem Al-Ghamdi',     '+966508901234', 'reem@example.com'),
            ('CUST-009', 'Yousef Nasser',      '+966509012345', NULL),
            ('CUST-010', 'Aisha Karim',        '+966551234567', 'aisha@example.com')
        ON CONFLICT DO NOTHING;

        SELECT setval('customer_number_seq', GREATEST(
            (SELECT max(substr(customer_id, 6)::bigint) FROM customers WHERE customer_id ~ '^CUST-[0-9]+$'),
            (SELECT last_value FROM customer_number_seq)));

        INSERT INTO tickets (ticket_id, customer_id, customer_name, customer_phone, subject, description, priority, status,
                             department, assigned_to, created_at, updated_at) VALUES
            ('TKT-20241108-0001', 'CUST-001', 'Ahmed Mohamed', '+966501234567', 'Delivery Issue', 'Package not received',
             'high', 'open', 'complaints', 'AGT-003', '2024-11-08T09:15:00Z', '2024-11-08T09:15:00Z'),
            ('TKT-20241108-0002', 'CUST-002', 'Fatimah Al-Zahrani', '+966502345678', 'Double charge', 'Charged twice for one order',
             'urgent', 'in_progress', 'billing', 'AGT-006', '2024-11-08T10:02:00Z', '2024-11-08T10:40:00Z'),
            ('TKT-20241108-0003', 'CUST-003', 'John Doe', '+966503456789', 'Upgrade plan', 'Wants the business plan',
             'medium', 'open', 'sales', NULL, '2024-11-08T11:30:00Z', '2024-11-08T11:30:00Z')
        ON CONFLICT (ticket_id) DO NOTHING;

        INSERT INTO ticket_day_counters (day, last_value) VALUES ('2024-11-08', 3) ON CONFLICT (day) DO NOTHING;

        INSERT INTO ticket_history (ticket_id, at, author, action, note)
        SELECT t.ticket_id, t.created_at, 'system', 'created', NULL
        FROM tickets t
        WHERE t.ticket_id LIKE 'TKT-20241108-000_'
          AND NOT EXISTS (SELECT 1 FROM ticket_history h WHERE h.ticket_id = t.ticket_id);

        -- Riyadh office hours, Sunday to Thursday 08:00–17:00, and complaints held to them in business time.
        INSERT INTO business_calendars (calendar_id, name, time_zone, hours, holidays) VALUES
            ('riyadh', 'Riyadh office', 'Asia/Riyadh',
             '{"sunday": [{"start": "08:00", "end": "17:00"}], "monday": [{"start": "08:00", "end": "17:00"}],
               "tuesday": [{"start": "08:00", "end": "17:00"}], "wednesday": [{"start": "08:00", "end": "17:00"}],
               "thursday": [{"start": "08:00", "end": "17:00"}]}',
             '[{"date": "2026-09-23", "name": "National Day"}, {"date": "2027-02-22", "name": "Founding Day"},
               {"date": "2027-09-23", "name": "National Day"}]')
        ON CONFLICT (calendar_id) DO NOTHING;

        INSERT INTO sla_policies (policy_id, name, position, conditions, calendar_id, warning_minutes, targets, escalation) VALUES
            ('complaints-riyadh', 'Complaints, Riyadh office hours', 500, '{"department": "complaints"}', 'riyadh', 30,
             '{"urgent": {"first_response": {"minutes": 30, "business_time": true}, "next_response": {"minutes": 60, "business_time": true},
                          "resolution": {"minutes": 240, "business_time": true}},
               "high": {"first_response": {"minutes": 60, "business_time": true}, "next_response": {"minutes": 120, "business_time": true},
                        "resolution": {"minutes": 540, "business_time": true}},
               "medium": {"first_response": {"minutes": 240, "business_time": true}, "next_response": {"minutes": 480, "business_time": true},
                          "resolution": {"minutes": 1620, "business_time": true}},
               "low": {"first_response": {"minutes": 540, "business_time": true}, "next_response": {"minutes": 1080, "business_time": true},
                       "resolution": {"minutes": 2700, "business_time": true}}}',
             '{"raise_priority": true, "assign_to": "AGT-003"}')
        ON CONFLICT (policy_id) DO NOTHING;
        """;

    public static async Task SeedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
