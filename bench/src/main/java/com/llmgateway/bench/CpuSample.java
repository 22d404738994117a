package com.llmgateway.bench;

/**
 * CPU clock ticks used so far by the proxy under test (0 for the direct path), the mock, the load generator and the
 * whole machine, and the proxy's write system calls. The machine's share that none of these used is other work on the
 * shared machine: noise.
 */
record CpuSample(long proxy, long mock, long client, long machine, long proxyWrites) {
    static CpuSample take(Target target, long mockPid) {
        return new CpuSample(
                target.hasProxy() ? Proc.cpuTicks(target.pid()) : 0,
                Proc.cpuTicks(mockPid),
                Proc.cpuTicks(ProcessHandle.current().pid()),
                Proc.machineBusyTicks(),
                target.hasProxy() ? Proc.writeCalls(target.pid()) : 0);
    }
}
