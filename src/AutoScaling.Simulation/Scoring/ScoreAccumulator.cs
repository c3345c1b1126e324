using AutoScaling.Policies;

namespace AutoScaling.Simulation;

/// <summary>
/// Sums the scores over a step function of time: each call adds one piece during which load, active and paid instances
/// are constant. Allocation-free; <see cref="ToScores"/> turns the sums into rates and percentages.
/// </summary>
internal struct ScoreAccumulator
{
    /// <summary>ε of the SPEC accuracy metrics: a demand below one instance counts as one in the denominators.</summary>
    private const double Epsilon = 1;

    private double _capacity;
    private double _idleWatts;
    private double _busyExtraWatts;
    private double _time;
    private double _firstPiece;
    private double _instanceSeconds;
    private double _joules;
    private double _requests;
    private double _beyond;
    private double _under;
    private double _over;
    private double _thetaU;
    private double _thetaO;
    private double _unstable;
    private int _supplyChanges;
    private int _demandChanges;
    private int _lastSupply;
    private int _lastDemand;
    private int _peak;
    private bool _started;

    public ScoreAccumulator(double capacityPerInstance, double idleWatts, double busyWatts)
    {
        _capacity = capacityPerInstance;
        _idleWatts = idleWatts;
        _busyExtraWatts = busyWatts - idleWatts;
    }

    /// <summary>Adds a piece of <paramref name="seconds"/> at <paramref name="load"/> requests/s with <paramref name="active"/> serving and <paramref name="paid"/> paid instances.</summary>
    public void Add(double seconds, double load, int active, int paid)
    {
        var demand = ScalingMath.Ceiling(load / _capacity);
        var served = Math.Min(load, active * _capacity);
        _time += seconds;
        _instanceSeconds += paid * seconds;
        _joules += ((paid * _idleWatts) + (_busyExtraWatts * served / _capacity)) * seconds;
        _requests += load * seconds;
        _beyond += (load - served) * seconds;
        var denominator = Math.Max(demand, Epsilon);
        if (demand > active)
        {
            _under += seconds;
            _thetaU += (demand - active) / denominator * seconds;
        }
        else if (active > demand)
        {
            _over += seconds;
            _thetaO += (active - demand) / denominator * seconds;
        }

        if (!_started)
        {
            _started = true;
            _firstPiece = seconds;
        }
        else
        {
            if (Math.Sign(active - _lastSupply) != Math.Sign(demand - _lastDemand))
            {
                _unstable += seconds;
            }

            _supplyChanges += active != _lastSupply ? 1 : 0;
            _demandChanges += demand != _lastDemand ? 1 : 0;
        }

        _lastSupply = active;
        _lastDemand = demand;
        _peak = Math.Max(_peak, active);
    }

    public readonly SimulationScores ToScores(int evaluations, int actions, int directionChanges, double pricePerInstanceHour)
    {
        var hours = _time / 3600;
        var instanceHours = _instanceSeconds / 3600;
        return new SimulationScores
        {
            Duration = TimeSpan.FromSeconds(_time),
            Evaluations = evaluations,
            InstanceHours = instanceHours,
            Cost = instanceHours * pricePerInstanceHour,
            EnergyKilowattHours = _joules / 3_600_000,
            TotalRequests = _requests,
            RequestsBeyondCapacity = _beyond,
            UnderProvisionedTime = TimeSpan.FromSeconds(_under),
            ThetaU = Percent(_thetaU, _time),
            ThetaO = Percent(_thetaO, _time),
            TauU = Percent(_under, _time),
            TauO = Percent(_over, _time),
            Instability = Percent(_unstable, _time - _firstPiece),
            Jitter = hours > 0 ? (_supplyChanges - _demandChanges) / hours : 0,
            Actions = actions,
            DirectionChanges = directionChanges,
            DirectionChangesPerHour = hours > 0 ? directionChanges / hours : 0,
            PeakInstances = _peak,
        };
    }

    private static double Percent(double part, double whole) => whole > 0 ? 100 * part / whole : 0;
}
