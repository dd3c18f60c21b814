package wsclose.os.windows;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * ENABLE_TRACE_PARAMETERS (version 2) with one EVENT_FILTER_DESCRIPTOR of type EVENT_FILTER_TYPE_PID pointing at
 * the pids (live-mode.md §A.3.3 step 3; at most MAX_EVENT_FILTER_PID_COUNT = 8). The memory blocks must stay
 * reachable until EnableTraceEx2 returns, hence this holder.
 */
final class FilterBlock {
    final EtwStructs.EnableTraceParameters parameters;
    private final Memory pids;
    private final Memory descriptor;

    FilterBlock(int[] pidList) {
        if (pidList.length == 0 || pidList.length > WinConst.MAX_EVENT_FILTER_PID_COUNT) {
            throw new IllegalArgumentException("a PID filter takes 1 to 8 pids, not " + pidList.length);
        }
        pids = new Memory(4L * pidList.length);
        for (int i = 0; i < pidList.length; i++) {
            pids.setInt(4L * i, pidList[i]);
        }
        descriptor = new Memory(16);
        EtwStructs.EventFilterDescriptor d = new EtwStructs.EventFilterDescriptor(descriptor);
        d.Ptr = Pointer.nativeValue(pids);
        d.Size = 4 * pidList.length;
        d.Type = WinConst.EVENT_FILTER_TYPE_PID;
        d.write();
        parameters = new EtwStructs.EnableTraceParameters();
        parameters.Version = WinConst.ENABLE_TRACE_PARAMETERS_VERSION_2;
        parameters.EnableFilterDesc = descriptor;
        parameters.FilterDescCount = 1;
        parameters.write();
    }

    Pointer pointer() {
        return parameters.getPointer();
    }

    /** Keeps the blocks alive up to this call. */
    void release() {
        java.lang.ref.Reference.reachabilityFence(pids);
        java.lang.ref.Reference.reachabilityFence(descriptor);
        java.lang.ref.Reference.reachabilityFence(parameters);
    }
}
