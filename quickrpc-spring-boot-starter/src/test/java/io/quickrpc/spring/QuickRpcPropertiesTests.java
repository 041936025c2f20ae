package io.quickrpc.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quickrpc.RpcEndpoint;
import io.quickrpc.spring.apis.GreetingApi;
import io.quickrpc.transport.composite.RestartOptions;

class QuickRpcPropertiesTests {

	@Test
	void defaultsAreTheLibrarysDefaults() {
		QuickRpcProperties.Api properties = new QuickRpcProperties.Api();
		RpcEndpoint<GreetingApi> library = RpcEndpoint.builder(GreetingApi.class).transport("internal:defaults").build();

		assertThat(properties.getReplyTimeout()).isEqualTo(library.replyTimeout());
		assertThat(properties.getCodec()).isEqualTo(library.codec().toString());
		assertThat(properties.getSecurity()).isEqualTo(library.security().toString());
		assertThat(properties.isInvert()).isEqualTo(library.isInverted());
		assertThat(properties.getMaxPendingReplies()).isEqualTo(RpcEndpoint.DEFAULT_MAX_PENDING_REPLIES);
		assertThat(properties.getHandlerConcurrency()).isEqualTo(RpcEndpoint.DEFAULT_HANDLER_CONCURRENCY);
		assertThat(properties.getShutdownGrace()).isEqualTo(RpcEndpoint.DEFAULT_SHUTDOWN_GRACE);
		RestartOptions restart = RestartOptions.builder().build();
		assertThat(properties.isFailFast()).isEqualTo(restart.failFast());
		assertThat(properties.getReconnect().getInitialDelay()).isEqualTo(restart.initialDelay());
		assertThat(properties.getReconnect().getMaxDelay()).isEqualTo(restart.maxDelay());
		assertThat(properties.getReconnect().getMultiplier()).isEqualTo(restart.multiplier());
	}

}
