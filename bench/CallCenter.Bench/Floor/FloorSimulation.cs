namespace CallCenter.Bench.Floor;

/// <summary>
/// A month of a contact center's floor, simulated the way the API would have recorded it: calls arrive on a day and
/// night curve of the center's clock (quieter on its weekend), each department's agents work 8.5-hour shifts planned
/// against that curve with a lunch and sometimes a training, and the ACD offers each waiting call, first come first
/// served, to the agent idle longest. An offer rings, the agent talks and wraps up (the API's default 30 s), and is
/// available again; a caller whose patience runs out hangs up (some within seconds: short abandons), some ask for a
/// callback and keep their place, some are routed to another department while waiting, and some are transferred to
/// another department after talking. Every agent's activities are contiguous, from the start of the month to now.
/// </summary>
public sealed class FloorSimulation
{
    public static readonly IReadOnlyList<FloorDepartment> Departments =
    [
        new("support", 0.40, 120),
        new("sales", 0.25, 150),
        new("billing", 0.20, 100),
        new("complaints", 0.15, 200),
    ];

    /// <summary>The API's default wrap-up (<c>Acd:WrapUpSeconds</c>).</summary>
    public static readonly TimeSpan WrapUp = TimeSpan.FromSeconds(30);

    /// <summary>Relative call volume by hour of the center's day: quiet at night, peaks late morning and late afternoon.</summary>
    private static readonly double[] HourWeights =
        [0.25, 0.15, 0.10, 0.08, 0.08, 0.12, 0.30, 0.60, 1.10, 1.60, 1.90, 2.00, 1.90, 1.70, 1.70, 1.80, 1.90, 1.80, 1.60, 1.40, 1.20, 0.90, 0.60, 0.40];

    private static readonly TimeSpan Slot = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan ShiftLength = TimeSpan.FromHours(8.5);
    private static readonly TimeSpan RestBetweenShifts = TimeSpan.FromHours(12);
    private static readonly TimeSpan CallbackAfter = TimeSpan.FromSeconds(45);
    private const double TargetOccupancy = 0.85;
    private const int Customers = 150_000;

    private readonly Random _random;
    private readonly TimeZoneInfo _zone;
    private readonly DateTime _start;
    private readonly DateTime _end;
    private readonly DateTime _lastArrival;
    private readonly List<SpanRow> _spans = [];
    private readonly List<VisitRow> _visits = [];
    private readonly List<TransferRow> _transfers = [];
    private readonly List<AgentState> _agents = [];
    private CallRow[] _calls = [];

    private FloorSimulation(int seed, TimeZoneInfo zone, DateTime end, int days)
    {
        _random = new Random(seed);
        _zone = zone;
        _end = end;
        _start = end.AddDays(-days);
        // An hour of quiet before now, so every call generated is over when the month is loaded.
        _lastArrival = end.AddHours(-1);
    }

    private sealed record Break(DateTime Due, TimeSpan Length, string Reason);

    private sealed record Shift(int Agent, DateTime Start, DateTime End, IReadOnlyList<Break> Breaks);

    private sealed class AgentState(int index, int department)
    {
        public int Index { get; } = index;

        public int Department { get; } = department;

        public List<Shift> Shifts { get; } = [];

        /// <summary>When the span going on now started, and what it is.</summary>
        public DateTime Cursor { get; set; }

        public string Activity { get; set; } = "offline";

        public string? Reason { get; set; }

        public int Call { get; set; } = -1;

        /// <summary>When the agent is next free for a call; they have been idle since then when it is past.</summary>
        public DateTime FreeAt { get; set; }

        public int ShiftIndex { get; set; } = -1;

        public int BreakIndex { get; set; }

        /// <summary>Signed in for <see cref="CurrentShift"/>: in the department's queue of free agents.</summary>
        public bool OnShift { get; set; }

        public Shift CurrentShift => Shifts[ShiftIndex];
    }

    /// <summary>A call entering a department's queue: its first time, or after a transfer or a route elsewhere.</summary>
    private readonly record struct Arrival(DateTime At, int Call, int Department, bool TransferIn);

    /// <summary>Simulates <paramref name="calls"/> calls over the <paramref name="days"/> days up to <paramref name="end"/>.</summary>
    public static FloorHistory Generate(int calls, int days, DateTime end, TimeZoneInfo zone, int seed)
    {
        var simulation = new FloorSimulation(seed, zone, end, days);
        return simulation.Run(calls);
    }

    private FloorHistory Run(int callCount)
    {
        var slots = (int)Math.Ceiling((_end - _start) / Slot);
        var slotWeights = new double[slots];
        for (var s = 0; s < slots; s++)
        {
            var at = _start + s * Slot;
            slotWeights[s] = at < _lastArrival ? WeightAt(at) * Math.Min(1, (_lastArrival - at) / Slot) : 0;
        }

        var arrivals = Arrivals(callCount, slotWeights);
        var upcoming = new List<Queue<Shift>>();
        for (var d = 0; d < Departments.Count; d++)
        {
            upcoming.Add(new Queue<Shift>(PlanShifts(d, callCount, slotWeights).OrderBy(shift => shift.Start)));
        }

        foreach (var agent in _agents)
        {
            agent.Cursor = _start;
        }

        _calls = new CallRow[callCount];
        var queue = new PriorityQueue<Arrival, DateTime>();
        for (var i = 0; i < callCount; i++)
        {
            var department = PickDepartment();
            var ivr = TimeSpan.FromSeconds(15 + 45 * _random.NextDouble());
            _calls[i] = new CallRow
            {
                Customer = _random.Next(Customers),
                StartedAt = arrivals[i] - ivr,
                Language = _random.NextDouble() < 0.7 ? "ar" : "en",
                Department = department,
            };
            queue.Enqueue(new Arrival(arrivals[i], i, department, TransferIn: false), arrivals[i]);
        }

        var free = Enumerable.Range(0, Departments.Count)
            .Select(_ => new PriorityQueue<AgentState, (DateTime, int)>()).ToList();
        while (queue.TryDequeue(out var arrival, out _))
        {
            Serve(arrival, free[arrival.Department], upcoming[arrival.Department], queue);
        }

        CloseAtEnd(free, upcoming);
        _spans.Sort((a, b) => a.Start.CompareTo(b.Start));
        _visits.Sort((a, b) => a.Entered.CompareTo(b.Entered));
        return new FloorHistory(
            Departments,
            [.. _agents.Select(agent => new FloorAgent(agent.Index, agent.Department))],
            _calls,
            Customers,
            _visits,
            _spans,
            _transfers,
            _start,
            _end,
            _agents.Sum(agent => agent.Shifts.Count));
    }

    /// <summary>The volume curve at an instant: the hour of the center's day, and its weekend (Friday, Saturday) quieter.</summary>
    private double WeightAt(DateTime utc)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(utc, _zone);
        var day = local.DayOfWeek switch
        {
            DayOfWeek.Friday => 0.55,
            DayOfWeek.Saturday => 0.8,
            DayOfWeek.Sunday => 1.1,
            _ => 1.0,
        };
        return HourWeights[local.Hour] * day;
    }

    /// <summary>Exactly <paramref name="count"/> arrival times, drawn from the curve, in order.</summary>
    private DateTime[] Arrivals(int count, double[] slotWeights)
    {
        var cumulative = new double[slotWeights.Length];
        var total = 0.0;
        for (var s = 0; s < slotWeights.Length; s++)
        {
            total += slotWeights[s];
            cumulative[s] = total;
        }

        var arrivals = new DateTime[count];
        for (var i = 0; i < count; i++)
        {
            var u = _random.NextDouble() * total;
            var s = Array.BinarySearch(cumulative, u);
            s = s < 0 ? ~s : s;
            var within = (u - (cumulative[s] - slotWeights[s])) / slotWeights[s];
            arrivals[i] = _start + (s + within) * Slot;
        }

        Array.Sort(arrivals);
        return arrivals;
    }

    private int PickDepartment()
    {
        var u = _random.NextDouble();
        for (var d = 0; d < Departments.Count - 1; d++)
        {
            u -= Departments[d].Share;
            if (u < 0)
            {
                return d;
            }
        }

        return Departments.Count - 1;
    }

    /// <summary>
    /// Shifts covering each half hour's need (the offered load at <see cref="TargetOccupancy"/>, plus room for breaks):
    /// wherever the shifts already planned fall short, more start then. Each shift goes to the agent who rested 12 hours
    /// and started closest to a day earlier, with at most six shifts a week; a new agent is hired when none can.
    /// </summary>
    private List<Shift> PlanShifts(int department, int callCount, double[] slotWeights)
    {
        var total = slotWeights.Sum();
        var handle = 5 + Departments[department].TalkSeconds + WrapUp.TotalSeconds;
        var perShift = (int)(ShiftLength / Slot);
        var covered = new int[slotWeights.Length + perShift];
        var shifts = new List<Shift>();
        var agents = new List<AgentState>();
        for (var s = 0; s < slotWeights.Length; s++)
        {
            var offered = callCount * Departments[department].Share * slotWeights[s] / total * handle / Slot.TotalSeconds;
            var needed = (int)Math.Ceiling(offered / TargetOccupancy * 1.08) + 1;
            var start = _start + s * Slot;
            for (; covered[s] < needed; covered[s]++)
            {
                for (var k = s + 1; k < s + perShift; k++)
                {
                    covered[k]++;
                }

                var agent = agents
                    .Where(a => a.Shifts.Count == 0 || (a.Shifts[^1].End + RestBetweenShifts <= start
                        && a.Shifts.Count(shift => shift.Start > start.AddDays(-7)) < 6))
                    .OrderBy(a => a.Shifts.Count == 0 ? TimeSpan.MaxValue : (start - a.Shifts[^1].Start - TimeSpan.FromDays(1)).Duration())
                    .FirstOrDefault();
                if (agent is null)
                {
                    agent = new AgentState(_agents.Count, department);
                    _agents.Add(agent);
                    agents.Add(agent);
                }

                var shift = new Shift(agent.Index, start, start + ShiftLength, Breaks(start));
                agent.Shifts.Add(shift);
                shifts.Add(shift);
            }
        }

        return shifts;
    }

    /// <summary>Lunch halfway through; one shift in four also has a training, one in ten a meeting.</summary>
    private List<Break> Breaks(DateTime shiftStart)
    {
        var breaks = new List<Break>();
        if (_random.NextDouble() < 0.1)
        {
            breaks.Add(new Break(shiftStart.AddHours(1.5), TimeSpan.FromMinutes(20), "meeting"));
        }

        breaks.Add(new Break(shiftStart.AddHours(4), TimeSpan.FromMinutes(30), "lunch"));
        if (_random.NextDouble() < 0.25)
        {
            breaks.Add(new Break(shiftStart.AddHours(6), TimeSpan.FromMinutes(45), "training"));
        }

        return breaks;
    }

    /// <summary>Ends the agent's span going on at <paramref name="at"/> and starts the next.</summary>
    private void Move(AgentState agent, DateTime at, string activity, string? reason = null, int call = -1)
    {
        if (at < agent.Cursor)
        {
            throw new InvalidOperationException($"Agent {agent.Index} moved back in time: {at:O} before {agent.Cursor:O}.");
        }

        if (at > agent.Cursor)
        {
            _spans.Add(new SpanRow(agent.Index, agent.Activity, agent.Reason, agent.Call, agent.Cursor, at));
        }

        agent.Cursor = at;
        agent.Activity = activity;
        agent.Reason = reason;
        agent.Call = call;
    }

    private void SignIn(AgentState agent, Shift shift, PriorityQueue<AgentState, (DateTime, int)> free)
    {
        if (agent.OnShift)
        {
            // No call came by to find the last shift over: the agent signed out when it ended.
            free.Remove(agent, out _, out _);
            Move(agent, Max(agent.FreeAt, agent.CurrentShift.End), "offline");
        }

        agent.OnShift = true;
        agent.ShiftIndex = agent.Shifts.IndexOf(shift);
        agent.BreakIndex = 0;
        agent.FreeAt = shift.Start;
        Move(agent, shift.Start, "available");
        free.Enqueue(agent, (agent.FreeAt, agent.Index));
    }

    /// <summary>
    /// The agent who takes this call, first come first served: the one free soonest (idle longest), after any break
    /// or end of shift due before then. Null when the department has no one left on shift.
    /// </summary>
    private AgentState? NextAgent(DateTime arrival, PriorityQueue<AgentState, (DateTime, int)> free, Queue<Shift> upcoming)
    {
        while (true)
        {
            while (upcoming.TryPeek(out var next)
                   && (free.Count == 0 || next.Start <= arrival || next.Start <= free.Peek().FreeAt))
            {
                SignIn(_agents[upcoming.Dequeue().Agent], next, free);
            }

            if (!free.TryDequeue(out var agent, out _))
            {
                return null;
            }

            var at = Max(arrival, agent.FreeAt);
            var shift = agent.CurrentShift;
            if (agent.BreakIndex < shift.Breaks.Count && shift.Breaks[agent.BreakIndex].Due <= at)
            {
                var pause = shift.Breaks[agent.BreakIndex++];
                var begins = Max(agent.FreeAt, pause.Due);
                if (begins + pause.Length < shift.End)
                {
                    Move(agent, begins, "on_break", pause.Reason);
                    Move(agent, begins + pause.Length, "available");
                    agent.FreeAt = begins + pause.Length;
                }

                free.Enqueue(agent, (agent.FreeAt, agent.Index));
                continue;
            }

            if (shift.End <= at)
            {
                Move(agent, Max(agent.FreeAt, shift.End), "offline");
                agent.OnShift = false;
                continue;
            }

            return agent;
        }
    }

    private void Serve(Arrival arrival, PriorityQueue<AgentState, (DateTime, int)> free, Queue<Shift> upcoming, PriorityQueue<Arrival, DateTime> queue)
    {
        var call = _calls[arrival.Call];
        call.Department = arrival.Department;
        call.QueuedAt = arrival.At;
        var a = arrival.At;
        // Patience: a few hang up within seconds whatever happens (short abandons), the rest after about two and a half
        // minutes on average; a caller transferred after talking waits a little longer.
        var patience = _random.NextDouble() < 0.06
            ? TimeSpan.FromSeconds(5 * _random.NextDouble())
            : TimeSpan.FromSeconds(Math.Min(900, 5 + Exponential(arrival.TransferIn ? 240 : 150)));
        var wantsCallback = !arrival.TransferIn && _random.NextDouble() < 0.05;
        var reroute = !arrival.TransferIn && _random.NextDouble() < 0.02 ? TimeSpan.FromSeconds(15 + 45 * _random.NextDouble()) : (TimeSpan?)null;
        var agent = NextAgent(a, free, upcoming);
        var offeredAt = agent is null ? DateTime.MaxValue : Max(a, agent.FreeAt);
        var ring = TimeSpan.FromSeconds(2 + 6 * _random.NextDouble());
        var answeredAt = agent is null ? DateTime.MaxValue : offeredAt + ring;

        if (reroute is { } after && a + after < offeredAt && after < patience)
        {
            // Routed to another department before any agent here was free.
            Return(agent, free);
            _visits.Add(new VisitRow(arrival.Call, arrival.Department, a, a + after, "transferred_out", arrival.TransferIn, false));
            queue.Enqueue(new Arrival(a + after, arrival.Call, OtherDepartment(arrival.Department), TransferIn: true), a + after);
            return;
        }

        var callback = wantsCallback && a + CallbackAfter < answeredAt && agent is not null;
        if (!callback && a + patience < answeredAt)
        {
            var hungUp = a + patience;
            if (agent is not null && hungUp >= offeredAt)
            {
                // The caller hung up while the offer rang: it is withdrawn and the agent waits on.
                Move(agent, offeredAt, "ringing", call: arrival.Call);
                Move(agent, hungUp, "available");
                agent.FreeAt = hungUp;
            }

            Return(agent, free);
            _visits.Add(new VisitRow(arrival.Call, arrival.Department, a, hungUp, "abandoned", arrival.TransferIn, false));
            call.EndedAt = hungUp;
            call.Status = call.AnsweredAt is null ? "abandoned" : "ended";
            return;
        }

        var talk = TimeSpan.FromSeconds(Math.Min(1200, 10 + Exponential(Departments[arrival.Department].TalkSeconds - 10)));
        var talkEnded = answeredAt + talk;
        Move(agent!, offeredAt, "ringing", call: arrival.Call);
        Move(agent!, answeredAt, "on_call", call: arrival.Call);
        Move(agent!, talkEnded, "wrap_up", call: arrival.Call);
        Move(agent!, talkEnded + WrapUp, "available");
        agent!.FreeAt = talkEnded + WrapUp;
        Return(agent, free);
        _visits.Add(new VisitRow(arrival.Call, arrival.Department, a, answeredAt, "answered", arrival.TransferIn, callback));
        call.AnsweredAt ??= answeredAt;
        call.Agent = agent.Index;
        call.Callback |= callback;
        call.Status = "ended";
        call.EndedAt = talkEnded;
        call.Disposition = Disposition();
        if (!arrival.TransferIn && _random.NextDouble() < 0.04)
        {
            var to = OtherDepartment(arrival.Department);
            _transfers.Add(new TransferRow(arrival.Call, arrival.Department, to, agent.Index, talkEnded));
            queue.Enqueue(new Arrival(talkEnded, arrival.Call, to, TransferIn: true), talkEnded);
        }
    }

    private static void Return(AgentState? agent, PriorityQueue<AgentState, (DateTime, int)> free)
    {
        if (agent is not null)
        {
            free.Enqueue(agent, (agent.FreeAt, agent.Index));
        }
    }

    /// <summary>
    /// Now: agents on shift take their breaks due by then and are available (or on a break); the others signed out
    /// after their last shift. Each agent's last span is the one going on.
    /// </summary>
    private void CloseAtEnd(List<PriorityQueue<AgentState, (DateTime, int)>> free, List<Queue<Shift>> upcoming)
    {
        for (var d = 0; d < free.Count; d++)
        {
            while (upcoming[d].TryDequeue(out var shift))
            {
                if (shift.Start <= _end)
                {
                    SignIn(_agents[shift.Agent], shift, free[d]);
                }
            }

            while (free[d].TryDequeue(out var agent, out _))
            {
                var shift = agent.CurrentShift;
                for (; agent.BreakIndex < shift.Breaks.Count && shift.Breaks[agent.BreakIndex].Due <= _end; agent.BreakIndex++)
                {
                    var pause = shift.Breaks[agent.BreakIndex];
                    var begins = Max(agent.FreeAt, pause.Due);
                    if (begins <= _end && begins + pause.Length < shift.End)
                    {
                        Move(agent, begins, "on_break", pause.Reason);
                        if (begins + pause.Length <= _end)
                        {
                            Move(agent, begins + pause.Length, "available");
                        }

                        agent.FreeAt = begins + pause.Length;
                    }
                }

                if (shift.End <= _end)
                {
                    Move(agent, Max(agent.FreeAt, shift.End), "offline");
                }
            }
        }

        foreach (var agent in _agents)
        {
            _spans.Add(new SpanRow(agent.Index, agent.Activity, agent.Reason, agent.Call, agent.Cursor, End: null));
        }
    }

    private int OtherDepartment(int department) => (department + 1 + _random.Next(Departments.Count - 1)) % Departments.Count;

    private string Disposition() => _random.NextDouble() switch
    {
        < 0.70 => "resolved",
        < 0.85 => "follow_up",
        < 0.95 => "escalated",
        _ => "no_resolution",
    };

    private double Exponential(double mean) => -Math.Log(1 - _random.NextDouble()) * mean;

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
}
