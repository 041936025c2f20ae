package io.quickrpc.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.quickrpc.IncomingHandler;
import io.quickrpc.RpcEndpoint;
import io.quickrpc.spring.apis.GreetingApi;
import io.quickrpc.transport.nats.NatsOptions;
import io.quickrpc.transport.nats.NatsServers;
import io.quickrpc.transport.nats.NatsTransport;

/**
 * Two applications meet on a real {@code nats-server}: a member of the service group
 * {@code workers} and a client, configured by {@code quickrpc.nats.*} and {@code nats:}
 * expressions without servers, call each other.
 */
@ExtendWith(NatsServers.class)
class QuickRpcNatsEndToEndTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(QuickRpcAutoConfiguration.class, QuickRpcNatsAutoConfiguration.class))
		.withUserConfiguration(QuickRpcAutoConfigurationTests.Apis.class)
		.withPropertyValues("quickrpc.nats.servers=" + NatsServers.shared().url(),
				"quickrpc.nats.presence.interval=100ms", "quickrpc.nats.presence.timeout=1s",
				"quickrpc.apis.counterApi.transport=internal:" + UUID.randomUUID());

	@Test
	void aClientCallsAMemberOfWorkersAndHearsItsNotification() {
		String namespace = "greeting-" + UUID.randomUUID().toString().substring(0, 8);
		this.runner.withUserConfiguration(Member.class)
			.withPropertyValues("quickrpc.apis.greeting.transport=nats::" + namespace + ":workers")
			.run((member) -> this.runner.withUserConfiguration(Client.class)
				.withPropertyValues("quickrpc.apis.greeting.transport=nats::" + namespace,
						"quickrpc.apis.greeting.invert=true")
				.run((client) -> {
					assertThat(member).hasNotFailed();
					assertThat(client).hasNotFailed();
					RpcEndpoint<?> endpoint = QuickRpcServerLifecycleTests.endpoint(client, GreetingApi.class);
					assertThat(endpoint.transport()).isInstanceOf(NatsTransport.class)
						.extracting("options")
						.isSameAs(client.getBean(NatsOptions.class));
					await().until(() -> endpoint.peers().contains("workers"));

					assertThat(client.getBean(GreetingApi.class).greet("ann")).isEqualTo("hello ann from a worker");
					await().until(() -> client.getBean(Heard.class).texts(), (texts) -> texts.contains("greeted ann"));
				}));
	}

	@Configuration(proxyBeanMethods = false)
	static class Member {

		@Bean
		MemberHandler memberHandler(ObjectProvider<GreetingApi> greeting) {
			return new MemberHandler(greeting);
		}

	}

	static class MemberHandler {

		private final ObjectProvider<GreetingApi> greeting;

		MemberHandler(ObjectProvider<GreetingApi> greeting) {
			this.greeting = greeting;
		}

		@IncomingHandler
		String greet(String name) {
			this.greeting.getObject().greeted("greeted " + name);
			return "hello " + name + " from a worker";
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Client {

		@Bean
		Heard heard() {
			return new Heard();
		}

	}

	static class Heard {

		private final List<String> texts = new CopyOnWriteArrayList<>();

		@IncomingHandler
		void greeted(String text) {
			this.texts.add(text);
		}

		List<String> texts() {
			return this.texts;
		}

	}

}
