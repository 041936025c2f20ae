package io.quickrpc.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import io.quickrpc.RpcEndpoint;
import io.quickrpc.spring.test.AutoConfigureQuickRpcInProcess;
import io.quickrpc.spring.test.QuickRpcTestClients;

// The README's "Testing" example, as it stands there.
@SpringBootTest
@AutoConfigureQuickRpcInProcess
class EchoServiceInProcessTests {

	@Autowired
	QuickRpcTestClients clients;

	@Autowired
	RpcEndpoint<EchoApi> echo;           // the application's endpoint: primary among echo and echoTerse

	@AfterEach
	void resetClients() {
		this.clients.reset();            // the next test gets fresh clients, without old listeners
	}

	@Test
	void theHandlersAnswerWithoutAnyPortOpened() {
		EchoApi server = this.clients.client(EchoApi.class);           // the inverted side of 'echo'

		assertThat(server.ping("hi")).isEqualTo("hi");
		assertThat(server.add(new BigDecimal("2"), new BigDecimal("40"))).isEqualTo(new BigDecimal("42"));
		assertThat(this.echo.transport().localAddress()).isNull();      // in-process: no port bound
	}

	@Test
	void whatIsSaidIsEchoedToTheSender() {
		BlockingQueue<String> echoes = new LinkedBlockingQueue<>();
		this.clients.endpoint(EchoApi.class).connect("echo", (call) -> echoes.add((String) call.argument("text")));

		this.clients.client(EchoApi.class).say(null, "hello");

		await().until(() -> "hello".equals(echoes.peek()));
	}

	@Test
	void theSecondEndpointIsReachedByItsName() {
		EchoApi terse = this.clients.client("echoTerse", EchoApi.class);

		assertThat(terse.ping("over terse")).isEqualTo("over terse");
	}

}
