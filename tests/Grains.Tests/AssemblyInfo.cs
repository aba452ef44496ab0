// Every test class drives real silos on real storage; running them one at a time on a 2-core machine keeps
// each cluster responsive (no call times out because another cluster hogs the CPU).
[assembly: CollectionBehavior(DisableTestParallelization = true)]
