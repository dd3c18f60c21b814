package wsclose.trace.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A finding's compact details map behaves as the ordered map it replaced, its keys in sorted order. */
class DetailsTest {
    @Test
    void isAnImmutableMapInKeyOrderWithNullValues() {
        Map<String, Object> d = Details.of("bytesSent", 10L, "bytesAcked", null, "exact", true, "bytesLost", 4L);
        assertThat(d.keySet()).containsExactly("bytesAcked", "bytesLost", "bytesSent", "exact");
        assertThat(d.values()).containsExactly(null, 4L, 10L, true);
        assertThat(d).hasSize(4).containsEntry("bytesLost", 4L).containsKey("bytesAcked").doesNotContainKey("nope");
        assertThat(d.get("bytesAcked")).isNull();
        assertThat(d.get("nope")).isNull();
        Map<String, Object> same = new LinkedHashMap<>();
        same.put("exact", true);
        same.put("bytesLost", 4L);
        same.put("bytesSent", 10L);
        same.put("bytesAcked", null);
        assertThat(d).isEqualTo(same);
        assertThat(d.hashCode()).isEqualTo(same.hashCode());
        assertThat(d.toString()).isEqualTo("{bytesAcked=null, bytesLost=4, bytesSent=10, exact=true}");
        assertThatThrownBy(() -> d.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> d.entrySet().iterator().next().setValue(1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> d.remove("exact")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aFindingHoldsItsDetailsInKeyOrder() {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("thread", 7);
        given.put("op", "recv");
        Finding f = new Finding("k", Severity.INFO, 0, "m", null, 1, -1, java.util.List.of(), given);
        assertThat(f.details().keySet()).containsExactly("op", "thread");
        assertThat(f.details()).isEqualTo(given);
        Map<String, Object> d = Details.of("a", 1);
        assertThat(new Finding("k", Severity.INFO, 0, "m", null, 1, -1, java.util.List.of(), d).details()).isSameAs(d);
    }

    @Test
    void refusesWhatIsNotAMap() {
        assertThat(Details.of()).isEmpty();
        assertThatThrownBy(() -> Details.of("a", 1, "a", 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Details.of("a", 1, "b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Details.of(null, 1)).isInstanceOf(NullPointerException.class);
    }
}
