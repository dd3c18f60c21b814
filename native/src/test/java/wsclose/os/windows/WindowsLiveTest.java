package wsclose.os.windows;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import wsclose.os.LiveException;
import wsclose.os.ProcessSelector;

/** On every OS but Windows the factories say plainly that the feature needs Windows. */
class WindowsLiveTest {

    @Test
    void otherOperatingSystemsAreToldItNeedsWindows() {
        assertThatThrownBy(() -> WindowsLive.require("wsclose handles", "Linux"))
                .isInstanceOfSatisfying(LiveException.class, e ->
                        org.assertj.core.api.Assertions.assertThat(e.reason()).isEqualTo(LiveException.Reason.UNSUPPORTED_PLATFORM))
                .hasMessage("wsclose handles with handle tables and ETW needs Windows; this is Linux");
        assertThatThrownBy(() -> WindowsLive.require("wsclose trace", "Mac OS X"))
                .hasMessageContaining("needs Windows; this is Mac OS X");
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void theFactoriesRefuseHere() {
        assertThatThrownBy(() -> WindowsLive.handles(true)).isInstanceOf(LiveException.class).hasMessageContaining("needs Windows");
        assertThatThrownBy(() -> WindowsLive.trace(ProcessSelector.all(), java.util.List.of(), null)).isInstanceOf(LiveException.class)
                .hasMessageContaining("needs Windows");
    }
}
