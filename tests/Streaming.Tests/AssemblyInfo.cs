// Each test class runs a cluster (and for Kafka a mock broker); on two cores they take turns.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
