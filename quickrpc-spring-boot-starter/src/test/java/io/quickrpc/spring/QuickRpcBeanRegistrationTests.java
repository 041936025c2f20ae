package io.quickrpc.spring;

import static io.quickrpc.spring.QuickRpcServerLifecycleTests.endpoint;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.quickrpc.IncomingHandler;
import io.quickrpc.RpcEndpoint;
import io.quickrpc.spring.apis.CounterApi;
import io.quickrpc.spring.apis.GreetingApi;

/**
 * How endpoints become beans and start: the endpoint named as its API is primary; auto-startup
 * can be switched off per API; an API bean replaced by another object leaves its endpoint
 * stopped; placeholders of ports that other endpoints of the context bind resolve when the
 * endpoint starts; per-method settings.
 */
class QuickRpcBeanRegistrationTests {

	private final String bus = "bus-" + UUID.randomUUID();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(QuickRpcAutoConfiguration.class))
		.withUserConfiguration(QuickRpcAutoConfigurationTests.Apis.class)
		.withPropertyValues("quickrpc.apis.greeting.transport=internal:" + this.bus + ":greeting",
				"quickrpc.apis.counterApi.transport=internal:" + this.bus + "-counter:counter");

	@Test
	void theEndpointNamedAsItsApiIsPrimarySoASecondOneLeavesUnqualifiedInjectionAsItWas() {
		this.runner
			.withPropertyValues("quickrpc.apis.fakeGreeting.api=" + GreetingApi.class.getName(),
					"quickrpc.apis.fakeGreeting.transport=internal:" + this.bus + "-fake")
			.withUserConfiguration(Unqualified.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBeansOfType(GreetingApi.class)).hasSize(2);
				Unqualified injected = context.getBean(Unqualified.class);
				assertThat(injected.api).isSameAs(context.getBean(RemoteApiRegistrar.proxyBeanName("greeting")));
				assertThat(injected.endpoint.name()).isEqualTo("greeting");
				assertThat(context.getBeanFactory().getBeanDefinition("quickrpc.fakeGreeting").isPrimary()).isFalse();
			});
	}

	@Test
	void anEndpointWithoutAutoStartupExistsButDoesNotStart() {
		this.runner.withPropertyValues("quickrpc.apis.greeting.auto-startup=false").run((context) -> {
			RpcEndpoint<?> greeting = endpoint(context, GreetingApi.class);
			assertThat(greeting.isRunning()).isFalse();
			assertThat(endpoint(context, CounterApi.class).isRunning()).isTrue();
			greeting.start();
			assertThat(greeting.isRunning()).isTrue();
		});
	}

	@Test
	void anApiBeanRegisteredInPlaceOfTheProxyLeavesItsEndpointStopped() {
		this.runner.withUserConfiguration(ReplaceGreeting.class).run((context) -> {
			assertThat(context.getBean(GreetingApi.class)).isInstanceOf(FakeGreeting.class);
			assertThat(endpoint(context, GreetingApi.class).isRunning()).isFalse();
			assertThat(endpoint(context, CounterApi.class).isRunning()).isTrue();
		});
	}

	@Test
	void aClientNamesThePortAServerOfTheSameContextBoundWithAPlaceholder() {
		this.runner
			.withPropertyValues("quickrpc.apis.greeting.transport=tcpserv:127.0.0.1:0",
					"quickrpc.apis.greetingClient.api=" + GreetingApi.class.getName(),
					"quickrpc.apis.greetingClient.invert=true",
					"quickrpc.apis.greetingClient.transport=tcp:127.0.0.1:${local.quickrpc.greeting.port}")
			.withUserConfiguration(QuickRpcAutoConfigurationTests.GreetingHandler.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				RpcEndpoint<?> server = endpoint(context, GreetingApi.class);
				int port = context.getEnvironment().getProperty("local.quickrpc.greeting.port", Integer.class);
				RpcEndpoint<?> client = context.getBean(RemoteApiRegistrar.endpointBeanName("greetingClient"),
						RpcEndpoint.class);
				assertThat(client.transport().toString()).contains("127.0.0.1:" + port);
				GreetingApi greeting = context.getBean("quickrpc.greetingClient", GreetingApi.class);
				assertThat(greeting.greet("Ada")).isEqualTo("hello Ada");
				assertThat(server.peers()).hasSize(1);
			});
	}

	@Test
	void aPlaceholderNothingDefinesFailsTheStartupNamingIt() {
		this.runner.withPropertyValues("quickrpc.apis.greeting.transport=tcp:127.0.0.1:${local.quickrpc.nosuch.port}")
			.run((context) -> {
				FailureAnalysis analysis = new QuickRpcFailureAnalyzer(null).analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("quickrpc API 'greeting'")
					.contains("Cannot resolve transport expression 'tcp:127.0.0.1:${local.quickrpc.nosuch.port}'")
					.contains("local.quickrpc.nosuch.port");
			});
	}

	@Test
	void handlersOnTheReceivingThreadRunWhereTheCallWasReceived() {
		this.runner
			.withPropertyValues("quickrpc.apis.greeting.handlers-on-receiving-thread=true",
					"quickrpc.apis.greetingClient.api=" + GreetingApi.class.getName(),
					"quickrpc.apis.greetingClient.invert=true",
					"quickrpc.apis.greetingClient.transport=internal:" + this.bus + ":client")
			.withUserConfiguration(ThreadNamingGreeter.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				GreetingApi greeting = context.getBean("quickrpc.greetingClient", GreetingApi.class);
				assertThat(greeting.greet("Ada")).startsWith("Ada on quickrpc-internal-");
			});
	}

	@Test
	void aMethodsReplyTimeoutPropertyWinsOverItsAnnotationAndTheApisTimeout() {
		this.runner
			.withPropertyValues("quickrpc.apis.counterApi.invert=true", "quickrpc.apis.counterApi.reply-timeout=4s",
					"quickrpc.apis.greeting.invert=true", "quickrpc.apis.greeting.reply-timeout=3s",
					"quickrpc.apis.greeting.methods.greet.reply-timeout=250ms")
			.run((context) -> {
				assertThat(endpoint(context, CounterApi.class).replyTimeout("increment"))
					.as("@ReplyTimeout(2) over the API's timeout").isEqualTo(Duration.ofSeconds(2));
				assertThat(endpoint(context, GreetingApi.class).replyTimeout("greet")).isEqualTo(Duration.ofMillis(250));
			});
		this.runner
			.withPropertyValues("quickrpc.apis.counterApi.invert=true",
					"quickrpc.apis.counterApi.methods.increment.reply-timeout=1m")
			.run((context) -> assertThat(endpoint(context, CounterApi.class).replyTimeout("increment"))
				.as("the property over @ReplyTimeout(2)").isEqualTo(Duration.ofMinutes(1)));
	}

	@Test
	void aMethodsSettingsForAMethodThisSideDoesNotCallFailTheStartup() {
		this.runner.withPropertyValues("quickrpc.apis.greeting.methods.greett.reply-timeout=1s").run((context) -> {
			FailureAnalysis analysis = new QuickRpcFailureAnalyzer(null).analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).isEqualTo("quickrpc API 'greeting' (" + GreetingApi.class.getName()
					+ ") has an invalid quickrpc.apis.greeting.methods: Cannot set a reply timeout: API 'greeting' "
					+ "(GreetingApi) has no method 'greett'; name one of the methods this side calls with a reply: []");
			assertThat(analysis.getAction()).isEqualTo("Correct the method names under quickrpc.apis.greeting.methods: "
					+ "name a method that this side calls and that has a reply (with invert: false, the @Outgoing "
					+ "methods that do not return void).");
		});
	}

	static class ThreadNamingGreeter {

		@IncomingHandler
		String greet(String name) {
			return name + " on " + Thread.currentThread().getName();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Unqualified {

		final GreetingApi api;

		final RpcEndpoint<GreetingApi> endpoint;

		Unqualified(GreetingApi api, RpcEndpoint<GreetingApi> endpoint) {
			this.api = api;
			this.endpoint = endpoint;
		}

	}

	/**
	 * Registers another object as the API bean, keeping its definition, as a test's
	 * {@code @MockitoBean} does.
	 */
	@Configuration(proxyBeanMethods = false)
	static class ReplaceGreeting {

		@Bean
		static BeanFactoryPostProcessor replaceGreeting() {
			return (beanFactory) -> beanFactory.registerSingleton("quickrpc.greeting", new FakeGreeting());
		}

	}

	static class FakeGreeting implements GreetingApi {

		@Override
		public String greet(String name) {
			return "fake";
		}

		@Override
		public void wave(String who) {
		}

		@Override
		public void greeted(String text) {
		}

	}

}
