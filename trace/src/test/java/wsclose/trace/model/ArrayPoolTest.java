package wsclose.trace.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The pool hands a retired timeline's starting arrays to new ones; a retired timeline must never share them. */
class ArrayPoolTest {
    @Test
    void givesBackOnlyArraysOfTheStartingSizesAndAtMostMaxOfEach() {
        ArrayPool pool = new ArrayPool();
        byte[] kinds = pool.stateKinds();
        long[] from = pool.stateFrom();
        long[] pending = pool.pending();
        long[] refs = pool.refcounts();
        assertThat(kinds).hasSize(ArrayPool.STATES);
        assertThat(from).hasSize(ArrayPool.STATES);
        assertThat(pending).hasSize(ArrayPool.PENDING);
        assertThat(refs).hasSize(ArrayPool.REFCOUNTS);
        pool.give(kinds, from, pending, refs);
        assertThat(pool.stateKinds()).isSameAs(kinds);
        assertThat(pool.stateFrom()).isSameAs(from);
        assertThat(pool.pending()).isSameAs(pending);
        assertThat(pool.refcounts()).isSameAs(refs);
        // a grown or trimmed array is left to the collector, and null is no array
        long[] grown = new long[ArrayPool.STATES * 2];
        pool.give(new byte[1], grown, null, new long[2]);
        assertThat(pool.stateFrom()).isNotSameAs(grown).hasSize(ArrayPool.STATES);
        assertThat(pool.stateKinds()).hasSize(ArrayPool.STATES);
        assertThat(pool.refcounts()).hasSize(ArrayPool.REFCOUNTS);
        // bounded: past MAX given back, the others are dropped
        long[][] many = new long[ArrayPool.MAX + 5][];
        for (int i = 0; i < many.length; i++) {
            many[i] = new long[ArrayPool.PENDING];
            pool.give(null, null, many[i], null);
        }
        java.util.Set<long[]> taken = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (int i = 0; i < many.length; i++) {
            taken.add(pool.pending());
        }
        long reused = java.util.Arrays.stream(many).filter(taken::contains).count();
        assertThat(reused).isEqualTo(ArrayPool.MAX);
    }

    @Test
    void aRetiredTimelineKeepsItsLastStateAndCountAndWritesNothingIntoANewOnesArrays() {
        ArrayPool pool = new ArrayPool();
        SocketTimeline old = new SocketTimeline(1, 0x10, 100, false, pool);
        old.state(SocketState.BOUND, 110);
        old.state(SocketState.CONNECTED, 120);
        old.refs(1, 100);
        old.refs(0, 130);
        old.state(SocketState.CLOSED, 130);
        old.trim();
        assertThat(old.states()).extracting(StateInterval::state).containsExactly(SocketState.CLOSED);
        assertThat(old.states().get(0).from()).isEqualTo(130);
        assertThat(old.refcountTimeline()).hasSize(1);
        assertThat(old.refcountTimeline().get(0)).containsExactly(130, 0);

        SocketTimeline fresh = new SocketTimeline(2, 0x10, 200, false, pool); // takes the arrays old gave back
        fresh.state(SocketState.BOUND, 210);
        fresh.refs(1, 200);
        // a late event for the retired socket (the handle table still names it)
        old.state(SocketState.FREED, 300);
        old.refs(0, 300);
        assertThat(fresh.states()).extracting(StateInterval::state).containsExactly(SocketState.CREATED, SocketState.BOUND);
        assertThat(fresh.states()).extracting(StateInterval::from).containsExactly(200L, 210L);
        assertThat(fresh.refcountTimeline()).hasSize(1);
        assertThat(fresh.refcountTimeline().get(0)).containsExactly(200, 1);
        assertThat(old.states()).extracting(StateInterval::state).containsExactly(SocketState.CLOSED, SocketState.FREED);
        // and a retired timeline of the same last state shares nothing writable with it
        SocketTimeline other = new SocketTimeline(3, 0x20, 400, false, pool);
        other.state(SocketState.CLOSED, 410);
        other.trim();
        assertThat(old.states().get(0).state()).isEqualTo(SocketState.CLOSED);
        List<StateInterval> otherStates = other.states();
        assertThat(otherStates).extracting(StateInterval::state).containsExactly(SocketState.CLOSED);
    }
}
