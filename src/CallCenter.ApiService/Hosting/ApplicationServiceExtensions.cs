using System.Text.Json;
using System.Text.Json.Serialization;
using CallCenter.ApiService.Agents;
using CallCenter.ApiService.Apis;
using CallCenter.ApiService.Calls;
using CallCenter.ApiService.Customers;
using CallCenter.ApiService.Data;
using CallCenter.ApiService.Distribution;
using CallCenter.ApiService.Events;
using CallCenter.ApiService.Realtime;
using CallCenter.ApiService.Requests;
using CallCenter.ApiService.Tickets;
using CallCenter.ApiService.Transcripts;

namespace CallCenter.ApiService.Hosting;

internal static class ApplicationServiceExtensions
{
    /// <summary>Resource names the AppHost gives us; see CallCenter.AppHost's ResourceNames.</summary>
    public const string DatabaseConnectionName = "callcenterdb";
    public const string RedisConnectionName = "redis";

    /// <summary>Bodies are small JSON objects; anything larger is refused before it is read.</summary>
    public const long MaxRequestBodyBytes = 64 * 1024;

    public const int MaxRequestLineBytes = 32 * 1024;

    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var database = builder.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        // Ours is bounded in time and goes through the circuit (DatabaseHealthCheck).
        builder.AddNpgsqlDataSource(DatabaseConnectionName, settings => settings.DisableHealthChecks = true, dataSource => Tune(dataSource, database, multiplexed: false));
        // Reads share connections (DatabaseCircuit.OpenReadConnectionAsync); Aspire keys the pool by the connection's name.
        builder.AddKeyedNpgsqlDataSource(
            DatabaseConnectionName, settings => settings.DisableHealthChecks = true, dataSource => Tune(dataSource, database, multiplexed: true));
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<DatabaseCircuit>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>(DatabaseHealthCheck.Name);
        builder.AddRedisClient(
            RedisConnectionName,
            settings => settings.DisableHealthChecks = true,
            // Redis's reads and writes on the runtime's thread pool, whose busy workers pick them up, instead of a pool
            // of ten threads of its own, each message a wake-up of a sleeping one (about five context switches a write).
            options => options.SocketManager = StackExchange.Redis.SocketManager.ThreadPool);
        builder.Services.AddHealthChecks().AddCheck<RedisWakeUpHealthCheck>(RedisWakeUpHealthCheck.Name);

        builder.Services.AddOptions<CallCenterOptions>()
            .BindConfiguration(CallCenterOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(options => options.Departments.Contains(options.DefaultDepartment), "CallCenter:DefaultDepartment must be one of CallCenter:Departments.")
            .ValidateOnStart();

        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            // The seed's contract is snake_case throughout, in both directions.
            options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            options.SerializerOptions.PropertyNameCaseInsensitive = true;
            options.SerializerOptions.NumberHandling = JsonNumberHandling.AllowReadingFromString;
        });
        builder.Services.Configure<Microsoft.AspNetCore.Mvc.JsonOptions>(options =>
            options.JsonSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(options =>
        {
            options.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            // Seed clients put message text in the query string: 4,000 Arabic characters are ~24 KB encoded.
            options.Limits.MaxRequestLineSize = MaxRequestLineBytes;
        });

        Dapper.DefaultTypeMap.MatchNamesWithUnderscores = true;
        Dapper.SqlMapper.AddTypeHandler(new SkillLevelsHandler());

        builder.Services.AddExceptionHandler<ApiProblemExceptionHandler>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<Replica>();
        builder.Services.AddSingleton<CallCenterDatabase>();
        builder.Services.AddSingleton<EventOutbox>();
        builder.Services.AddSingleton<PhoneNumberParser>();
        builder.Services.AddSingleton<Switchboard>();
        builder.Services.AddSingleton<TicketBook>();
        builder.Services.AddOptions<Apis.ListOptions>().BindConfiguration(Apis.ListOptions.Section)
            .Validate(options => options.ReuseFor >= TimeSpan.Zero && options.ReuseFor <= TimeSpan.FromMinutes(1), "Lists:ReuseFor must be between 0 and 1 minute.")
            .ValidateOnStart();
        builder.Services.AddSingleton<Apis.CollapsedPages>();
        builder.AddTicketSla();
        builder.Services.AddSingleton<CustomerDirectory>();
        builder.Services.AddSingleton<AgentRoster>();
        builder.Services.AddSingleton<TranscriptLog>();
        builder.AddPeople();
        builder.Services.AddHostedService<DatabaseMigrator>();

        // Validated at start, so a mistyped Acd setting stops the replica instead of misrouting calls later.
        builder.Services.AddOptions<AcdOptions>().BindConfiguration(AcdOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<DistributionMetrics>();
        builder.Services.AddSingleton<AgentDesk>();
        builder.Services.AddSingleton<Offers>();
        builder.Services.AddSingleton<FloorDistribution>();
        builder.Services.AddSingleton<DistributionPass>();
        builder.Services.AddSingleton<DistributionSignal>();
        builder.Services.AddHostedService<CallDistributor>();
        builder.AddFloorStats();

        builder.Services.AddOptions<RealtimeOptions>()
            .BindConfiguration(RealtimeOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<RealtimeMetrics>();
        builder.Services.AddSingleton<EventStore>();
        builder.Services.AddSingleton<EventFeed>();
        builder.Services.AddHostedService(services => services.GetRequiredService<EventFeed>());
        builder.Services.AddSingleton<EventBus>();
        builder.Services.AddSingleton<EventSequencer>();
        builder.Services.AddHostedService(services => services.GetRequiredService<EventSequencer>());
        builder.Services.AddSingleton<LiveUpdateSession>();
        builder.AddWebhooks();
        return builder;
    }

    public static IEndpointRouteBuilder MapCallCenterApi(this IEndpointRouteBuilder app)
    {
        app.MapCallsApi();
        app.MapDistributionApi();
        app.MapStatsApi();
        app.MapTicketsApi();
        app.MapSlaApi();
        app.MapCustomersApi();
        app.MapAgentsApi();
        app.MapTranscriptsApi();
        app.MapDepartmentsApi();
        app.MapLiveUpdatesApi();
        app.MapKeysApi();
        app.MapAuditApi();
        app.MapPeopleApi();
        app.MapWebhooksApi();
        return app;
    }

    private static void Tune(Npgsql.NpgsqlDataSourceBuilder dataSource, DatabaseOptions database, bool multiplexed)
    {
        dataSource.ConnectionStringBuilder.Timeout = database.ConnectTimeoutSeconds;
        dataSource.ConnectionStringBuilder.MaxAutoPrepare = database.PreparedStatements;
        dataSource.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        dataSource.ConnectionStringBuilder.Multiplexing = multiplexed;
        // A connection goes back to the pool with its session as it is. Nothing here leaves state on one: settings are
        // made for a transaction (SET LOCAL, set_config(..., true)) and the two session advisory locks (migrations,
        // a webhook endpoint's worker) are released by their holders; an open transaction is still rolled back. The
        // reset's seven statements ran on every return, 1.7 times a call (bench/README.md, throughput, session 22).
        dataSource.ConnectionStringBuilder.NoResetOnClose = true;
        // pg_stat_activity tells the two pools apart.
        dataSource.ConnectionStringBuilder.ApplicationName = multiplexed ? DatabaseOptions.ReadPoolName : DatabaseOptions.WritePoolName;
        if (multiplexed)
        {
            dataSource.ConnectionStringBuilder.MaxPoolSize = database.ReadConnections;
        }
    }
}
