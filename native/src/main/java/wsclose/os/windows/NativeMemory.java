package wsclose.os.windows;

import com.sun.jna.Pointer;

/**
 * Reads process memory at an address. The ETW callback hands wsclose addresses (EVENT_RECORD, its UserData
 * and extended items); production reads them through JNA, and x86 tests through a fake address space.
 */
interface NativeMemory {
    void read(long address, byte[] dst, int offset, int length);

    /** This process's memory, through JNA. */
    NativeMemory JNA = (address, dst, offset, length) -> new Pointer(address).read(0, dst, offset, length);
}
