using CallCenter.ApiService.Calls;
using CallCenter.ApiService.Data;
using CallCenter.ApiService.Requests;
using CallCenter.ApiService.Security;
using CallCenter.ApiService.Tickets;
using Dapper;
using Npgsql;

namespace CallCenter.ApiService.Customers;

/// <summary>Customers are known by their E.164 number: a call or ticket from a new number creates one.</summary>
public sealed class CustomerDirectory(CallCenterDatabase database, FloorAccess access)
{
    /// <summary>
    /// The number's customer, or a new one. A known number takes no customer number: one is drawn only to insert.
    /// </summary>
    public static async Task<Customer> FindOrCreateAsync(UnitOfWork work, string phoneE164, string name) =>
        await FindAsync(work, phoneE164)
        ?? await NextNumber.InsertAsync(work, CustomerNumber.Sequence, CustomerNumber.Format, async customerId =>
            // ON CONFLICT waits for a concurrent insert of the same number to settle, so the lookup after it finds
            // that row; finding none means the id was the one taken, and the next number is tried.
            await work.QuerySingleOrDefaultAsync<Customer>(
                """
                INSERT INTO customers (customer_id, name, phone_number)
                VALUES (@customerId, @name, @phoneE164)
                ON CONFLICT DO NOTHING
                RETURNING *
                """,
                new { customerId, name, phoneE164 })
            ?? await FindAsync(work, phoneE164));

    /// <summary>
    /// As <see cref="FindOrCreateAsync"/>, with the next number of <paramref name="sequence"/> drawn in the lookup's
    /// round trip, for a write that needs both (a call): a known caller then costs one read.
    /// </summary>
    public static async Task<(Customer Customer, long Number)> FindOrCreateWithNumberAsync(UnitOfWork work, string phoneE164, string name, string sequence)
    {
        Customer? found;
        long number;
        using (var read = await work.QueryMultipleAsync(
            "SELECT * FROM customers WHERE phone_number = @phoneE164; SELECT nextval(@sequence::regclass);", new { phoneE164, sequence }))
        {
            found = await read.ReadSingleOrDefaultAsync<Customer>();
            number = await read.ReadSingleAsync<long>();
        }

        return (found ?? await FindOrCreateAsync(work, phoneE164, name), number);
    }

    public Task<Page<Customer>> ListAsync(CustomerListRequest request, CancellationToken cancellationToken) =>
        database.ReadAsync(connection => connection.QueryPageAsync<Customer>(
            "customers",
            // Two statements rather than "@search IS NULL OR …": a plan PostgreSQL reuses for both could use neither index.
            request.Search is null ? "" : "WHERE name ILIKE @search OR phone_number LIKE @search OR customer_id ILIKE @search",
            // Shorter ids first, so CUST-999 comes before CUST-1000 as the numbers do, not between CUST-100 and CUST-101.
            "length(customer_id), customer_id",
            new { search = request.Search is null ? null : $"%{request.Search}%" },
            PagedQuery.ToPaging(request.Limit, request.Offset)), cancellationToken);

    /// <summary>A customer with their calls and tickets; an agent sees those of their own department (or their own).</summary>
    public Task<CustomerWithHistory> GetAsync(string customerId, CancellationToken cancellationToken)
    {
        var department = access.DepartmentScope(null, "department");
        var agentId = department is null ? null : access.Caller.AgentId;
        return database.ReadAsync(async connection =>
        {
            var customer = await connection.QuerySingleOrDefaultAsync<Customer>(
                "SELECT * FROM customers WHERE customer_id = @customerId", new { customerId })
                ?? throw ApiProblemException.NotFound("Customer", customerId);
            var calls = await connection.QueryAsync<Call>(
                $"SELECT * FROM calls WHERE customer_id = @customerId AND {VisibleTo("agent_id")} ORDER BY started_at DESC LIMIT 100",
                new { customerId, department, agentId });
            var tickets = await connection.QueryAsync<Ticket>(
                $"SELECT * FROM tickets WHERE customer_id = @customerId AND {VisibleTo("assigned_to")} ORDER BY created_at DESC LIMIT 100",
                new { customerId, department, agentId });
            return new CustomerWithHistory(customer, [.. calls], [.. tickets]);
        }, cancellationToken);
    }

    private static Task<Customer?> FindAsync(UnitOfWork work, string phoneE164) =>
        work.QuerySingleOrDefaultAsync<Customer>(
            "SELECT * FROM customers WHERE phone_number = @phoneE164", new { phoneE164 });

    private static string VisibleTo(string agentColumn) =>
        $"(@department::text IS NULL OR department = @department OR {agentColumn} = @agentId)";
}
