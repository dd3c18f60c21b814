package wsclose.os.windows;

import java.util.ArrayList;
import java.util.List;

/** A fake address space for x86 tests: blocks at made-up 32-bit addresses; reads outside any block fail. */
final class FakeAddressSpace implements NativeMemory {
    private record Block(long address, byte[] bytes) {
    }

    private final List<Block> blocks = new ArrayList<>();
    private long next = 0x0040_0000L;

    /** Places {@code bytes} at a fresh address and returns it. */
    long put(byte[] bytes) {
        long at = next;
        blocks.add(new Block(at, bytes.clone()));
        next += (bytes.length + 0xFFF) & ~0xFFFL;
        next += 0x1000; // a gap, so an overrun never lands in the next block
        return at;
    }

    @Override
    public void read(long address, byte[] dst, int offset, int length) {
        for (Block b : blocks) {
            if (address >= b.address() && address + length <= b.address() + b.bytes().length) {
                System.arraycopy(b.bytes(), (int) (address - b.address()), dst, offset, length);
                return;
            }
        }
        throw new IllegalStateException("read of " + length + " bytes at 0x" + Long.toHexString(address)
                + " is outside every block");
    }
}
