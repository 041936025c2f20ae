package io.quickrpc.transport.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RateLimitedWarningTests {

	private static final long MILLIS = 1_000_000L;

	private final AtomicLong now = new AtomicLong(-5_000 * MILLIS);

	private final RateLimitedWarning warning = new RateLimitedWarning(
			LoggerFactory.getLogger(RateLimitedWarningTests.class), this.now::get);

	@Test
	void writesOneLineASecondAndTellsHowManyItLeftOut() {
		assertThat(admitAt(0)).isEmpty();
		assertThat(admitAt(1)).isNull();
		assertThat(admitAt(999)).isNull();
		assertThat(admitAt(1_200)).isEqualTo(" (and 2 more like it in the last 1 s)");
		assertThat(admitAt(1_300)).isNull();
		assertThat(admitAt(5_000)).isEqualTo(" (and 1 more like it in the last 4 s)");
		assertThat(admitAt(7_000)).as("nothing left out since the last line").isEmpty();
	}

	@Test
	void eachCauseHasASecondOfItsOwn() {
		AtomicLong clock = new AtomicLong();
		RateLimitedWarning other = new RateLimitedWarning(LoggerFactory.getLogger(RateLimitedWarningTests.class),
				clock::get);

		assertThat(admitAt(0)).isEmpty();
		assertThat(other.admit()).isEmpty();
		assertThat(admitAt(10)).isNull();
	}

	private String admitAt(long millis) {
		this.now.set(-5_000 * MILLIS + millis * MILLIS);
		return this.warning.admit();
	}

}
