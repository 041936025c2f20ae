package io.quickrpc.announcer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quickrpc.RpcEndpoint;

class AnnouncerTests {

	private RpcEndpoint<AnnouncerApi> service;

	@AfterEach
	void stop() {
		if (this.service != null) {
			this.service.stop();
			assertThat(this.service.isRunning()).isFalse();
		}
	}

	@Test
	void seekerFindsAServiceOnLoopback() throws Exception {
		this.service = Announcer.serve(0, "echo 1.0 at tcp:127.0.0.1:8888", (filter) -> filter.startsWith("echo"));
		int port = this.service.transport().localAddress().getPort();

		List<Announcer.Advertisement> found = Announcer.seek("127.0.0.1", port, "echo", Duration.ofMillis(500));

		assertThat(found).extracting(Announcer.Advertisement::description)
			.containsExactly("echo 1.0 at tcp:127.0.0.1:8888");
		assertThat(found.get(0).peer()).isEqualTo("127.0.0.1:" + port);
	}

	@Test
	void serviceIgnoresSeeksItDoesNotMatch() throws Exception {
		this.service = Announcer.serve(0, "echo 1.0", (filter) -> filter.startsWith("echo"));
		int port = this.service.transport().localAddress().getPort();

		assertThat(Announcer.seek("127.0.0.1", port, "printer", Duration.ofMillis(300))).isEmpty();
		assertThat(Announcer.seek("127.0.0.1", port, "echo", Duration.ofMillis(300))).hasSize(1);
	}

}
