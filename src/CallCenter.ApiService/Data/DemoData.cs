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
        """;

    public static async Task SeedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
