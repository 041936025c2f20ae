package io.quickrpc.transport.composite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RestartOptionsTests {

	@Test
	void delaysGrowByTheMultiplierAndStopAtTheMaximum() {
		RestartOptions options = RestartOptions.builder()
			.initialDelay(Duration.ofMillis(100))
			.maxDelay(Duration.ofMillis(1000))
			.multiplier(3)
			.build();

		Duration delay = options.initialDelay();
		StringBuilder delays = new StringBuilder();
		for (int i = 0; i < 5; i++) {
			delays.append(delay.toMillis()).append(' ');
			delay = options.next(delay);
		}
		assertThat(delays).hasToString("100 300 900 1000 1000 ");
	}

	@Test
	void defaultsStartAtHalfASecondAndDoubleUpToThirtySeconds() {
		RestartOptions options = RestartOptions.builder().build();

		assertThat(options.initialDelay()).isEqualTo(Duration.ofMillis(500));
		assertThat(options.maxDelay()).isEqualTo(Duration.ofSeconds(30));
		assertThat(options.multiplier()).isEqualTo(2.0);
		assertThat(options.failFast()).isFalse();
		assertThat(options.isFixed()).isFalse();
	}

	@Test
	void fixedOptionsKeepTheirDelay() {
		RestartOptions fixed = RestartOptions.fixed(Duration.ofSeconds(2));

		assertThat(fixed.isFixed()).isTrue();
		assertThat(fixed.next(fixed.initialDelay())).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void settingsThatCannotWorkAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> RestartOptions.builder().multiplier(0.5))
			.withMessage("multiplier must be a number of at least 1, not 0.5");
		assertThatIllegalArgumentException().isThrownBy(() -> RestartOptions.builder().initialDelay(Duration.ZERO))
			.withMessage("initialDelay must be at least 1 ms, not PT0S");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RestartOptions.builder().initialDelay(Duration.ofSeconds(5)).maxDelay(Duration.ofSeconds(1))
				.build())
			.withMessage("maxDelay (PT1S) must not be shorter than initialDelay (PT5S)");
	}

}
