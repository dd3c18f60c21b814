package wsclose.os.windows;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** OBJECT_BASIC_INFORMATION and OBJECT_NAME_INFORMATION (live-mode.md §A.1.2-A.1.3). */
class ObjectInfoTest {

    @Test
    void basicInformationCountsAtEightAndTwelve() {
        Bin bin = new Bin(56).u32(0, 0x2).u32(4, 0x0012019f).u32(8, 3).u32(12, 65537).u64(48, 133_000_000_000_000_000L);
        ObjectInfo.Basic b = ObjectInfo.basic(bin.buffer());
        assertThat(b.handleCount()).isEqualTo(3);
        assertThat(b.pointerCount()).isEqualTo(65537);
        assertThat(b.grantedAccess()).isEqualTo(0x0012019f);
        assertThat(b.attributes()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 4})
    void nameFollowsItsUnicodeString(int p) {
        String name = "\\Device\\Afd\\Endpoint";
        Bin bin = new Bin(2 * p + 64).u16(0, Bin.utf16Length(name)).u16(2, Bin.utf16Length(name) + 2)
                .ptr(p, 0x7ff0_0000_1000L, p).utf16(2 * p, name);
        assertThat(ObjectInfo.name(bin.buffer(), p)).isEqualTo(name);
    }

    @Test
    void anUnnamedObjectHasAnEmptyName() {
        assertThat(ObjectInfo.name(new Bin(16).buffer(), 8)).isEmpty();
    }

    @Test
    void afdNamesAreTheDeviceOrBelowIt() {
        assertThat(ObjectInfo.isAfd("\\Device\\Afd")).isTrue();
        assertThat(ObjectInfo.isAfd("\\Device\\Afd\\Endpoint")).isTrue();
        assertThat(ObjectInfo.isAfd("\\device\\AFD")).isTrue();
        assertThat(ObjectInfo.isAfd("\\Device\\AfdX")).isFalse();
        assertThat(ObjectInfo.isAfd("\\Device\\NamedPipe\\x")).isFalse();
        assertThat(ObjectInfo.isAfd("")).isFalse();
    }
}
