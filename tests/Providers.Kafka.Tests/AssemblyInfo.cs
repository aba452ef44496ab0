// Each test class starts its own mock broker and Orleans cluster; on a 2-core machine they are more reliable one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
