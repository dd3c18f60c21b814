package wsclose.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

class PlatformTest {

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void savingAnEtlFileNeedsWindows() {
        assertThatThrownBy(() -> Platform.trace(ProcessSelector.all(), java.util.List.of(), 100, Path.of("run.etl")))
                .isInstanceOfSatisfying(LiveException.class, e ->
                        assertThat(e.reason()).isEqualTo(LiveException.Reason.UNSUPPORTED_PLATFORM))
                .hasMessageContaining("--save FILE.etl needs Windows");
    }
}
