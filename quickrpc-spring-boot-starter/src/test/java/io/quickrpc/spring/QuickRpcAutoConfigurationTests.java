package io.quickrpc.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quickrpc.IncomingHandler;
import io.quickrpc.RpcEndpoint;
import io.quickrpc.convert.Converter;
import io.quickrpc.spi.Registry;
import io.quickrpc.spring.apis.CounterApi;
import io.quickrpc.spring.apis.GreetingApi;
import io.quickrpc.transport.Transport;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;

class QuickRpcAutoConfigurationTests {

	private final String bus = "bus-" + UUID.randomUUID();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(QuickRpcAutoConfiguration.class,
				QuickRpcEndpointAutoConfiguration.class))
		.withUserConfiguration(Apis.class)
		.withPropertyValues("quickrpc.apis.greeting.transport=internal:" + this.bus + ":greeting",
				"quickrpc.apis.counterApi.transport=internal:" + this.bus + "-counter:counter");

	@Test
	void everyRemoteApiBecomesAStartedEndpointAndAnInjectableProxy() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(GreetingApi.class).hasSingleBean(CounterApi.class);
			RpcEndpoint<?> greeting = endpoint(context, GreetingApi.class);
			assertThat(greeting.name()).isEqualTo("greeting");
			assertThat(greeting.isRunning()).isTrue();
			assertThat(greeting.codec()).hasToString("jrpc");
			assertThat(greeting.isInverted()).isFalse();
			assertThat(greeting.unhandledCalls()).containsExactly("greet", "wave");
			assertThat(endpoint(context, CounterApi.class).name()).isEqualTo("counterApi");
			assertThat(context.getBean(Qualified.class).greeting).isSameAs(context.getBean(GreetingApi.class));
		});
	}

	@Test
	void propertiesConfigureTheEndpoint() {
		this.runner
			.withPropertyValues("quickrpc.apis.greeting.codec=terse", "quickrpc.apis.greeting.invert=true",
					"quickrpc.apis.greeting.reply-timeout=3s",
					"quickrpc.apis.greeting.security=blindly_believe_everything:bob")
			.run((context) -> {
				RpcEndpoint<?> greeting = endpoint(context, GreetingApi.class);
				assertThat(greeting.codec()).hasToString("terse");
				assertThat(greeting.isInverted()).isTrue();
				assertThat(greeting.incomingMethods()).containsExactly("greeted");
				assertThat(greeting.replyTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(greeting.security()).hasToString("blindly_believe_everything:bob");
			});
	}

	@Test
	void missingTransportFailsTheStartupNamingTheProperty() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(QuickRpcAutoConfiguration.class))
			.withUserConfiguration(Apis.class)
			.withPropertyValues("quickrpc.apis.greeting.transport=internal:" + this.bus)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(MissingTransportException.class)
				.hasMessage("No transport is configured for remote API 'counterApi' (" + CounterApi.class.getName()
						+ "); set quickrpc.apis.counterApi.transport"));
	}

	@Test
	void unknownShorthandFailsTheStartupListingTheKnownOnes() {
		this.runner.withPropertyValues("quickrpc.apis.greeting.transport=tcpx:localhost:1")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("Unknown transport 'tcpx' in expression 'tcpx:localhost:1'")
				.hasMessageContaining("tcpserv:IFACE:PORT"));
	}

	@Test
	void transportBeanQualifiedWithTheApiNameReplacesTheExpression() {
		this.runner.withUserConfiguration(OwnTransport.class).run((context) -> {
			RpcEndpoint<?> greeting = endpoint(context, GreetingApi.class);
			assertThat(greeting.transport()).isSameAs(context.getBean("greetingTransport"));
			assertThat(greeting.transport().toString()).isEqualTo("internal:" + OwnTransport.BUS + ":own");
		});
	}

	@Test
	void customizersSeeEveryBuilder() {
		this.runner.withBean(RpcEndpointBuilderCustomizer.class,
				() -> (name, builder) -> builder.replyTimeout(Duration.ofMillis(name.length())))
			.run((context) -> {
				assertThat(endpoint(context, GreetingApi.class).replyTimeout()).isEqualTo(Duration.ofMillis(8));
				assertThat(endpoint(context, CounterApi.class).replyTimeout()).isEqualTo(Duration.ofMillis(10));
			});
	}

	@Test
	void oneInterfaceServesTwoNamedEndpoints() {
		this.runner
			.withPropertyValues("quickrpc.apis.greeting2.api=" + GreetingApi.class.getName(),
					"quickrpc.apis.greeting2.transport=internal:" + this.bus + ":greeting2")
			.withUserConfiguration(GreetingHandler.class)
			.run((context) -> {
				assertThat(context.getBeansOfType(GreetingApi.class)).hasSize(2);
				RpcEndpoint<?> second = (RpcEndpoint<?>) context.getBean("quickrpc.greeting2.endpoint");
				assertThat(second.name()).isEqualTo("greeting2");
				assertThat(second.unhandledCalls()).as("a handler serves every endpoint of its interface")
					.containsExactly("wave");
			});
	}

	@Test
	void handlerMethodsAreConnectedAndAnswerCalls() {
		this.runner.withUserConfiguration(GreetingHandler.class, CounterHandler.class).run((context) -> {
			assertThat(endpoint(context, GreetingApi.class).unhandledCalls()).containsExactly("wave");
			assertThat(endpoint(context, CounterApi.class).unhandledCalls()).isEmpty();
			try (RpcEndpoint<GreetingApi> greeter = RpcEndpoint.builder(GreetingApi.class).inverted(true)
				.transport("internal:" + this.bus + ":greeter").build().start();
					RpcEndpoint<CounterApi> counter = RpcEndpoint.builder(CounterApi.class).inverted(true)
						.transport("internal:" + this.bus + "-counter:counter-caller").build().start()) {
				await().until(() -> greeter.peers().contains("greeting") && counter.peers().contains("counter"));
				assertThat(greeter.api().greet("ann")).isEqualTo("hello ann");
				assertThat(counter.api().increment(2)).isEqualTo(2);
				assertThat(counter.api().increment(3)).isEqualTo(5);
			}
		});
	}

	@Test
	void converterFactoryBeansConvertTheTypesTheyTake() {
		Converter.Factory shouting = (type) -> (type != String.class) ? null : new Converter<String>() {

			@Override
			public String read(JsonParser parser) {
				return parser.getString();
			}

			@Override
			public void write(JsonGenerator generator, String value) {
				generator.writeString(value.toUpperCase(Locale.ROOT));
			}

		};
		this.runner.withUserConfiguration(GreetingHandler.class)
			.withBean(Converter.Factory.class, () -> shouting)
			.run((context) -> {
				try (RpcEndpoint<GreetingApi> greeter = RpcEndpoint.builder(GreetingApi.class).inverted(true)
					.transport("internal:" + this.bus + ":greeter").build().start()) {
					await().until(() -> greeter.peers().contains("greeting"));
					assertThat(greeter.api().greet("ann")).isEqualTo("HELLO ANN");
				}
			});
	}

	@Test
	void callsAreTimedInTheMeterRegistry() {
		this.runner.withUserConfiguration(GreetingHandler.class)
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> {
				try (RpcEndpoint<GreetingApi> greeter = RpcEndpoint.builder(GreetingApi.class).inverted(true)
					.transport("internal:" + this.bus + ":greeter").build().start()) {
					await().until(() -> greeter.peers().contains("greeting"));
					greeter.api().greet("ann");
				}
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				await().untilAsserted(() -> assertThat(registry.find("quickrpc.calls")
					.tags("api", "greeting", "method", "greet", "direction", "incoming", "outcome", "success")
					.timer()).isNotNull().satisfies((timer) -> assertThat(timer.count()).isEqualTo(1)));
			});
	}

	@Test
	void droppedCallsAndPausedReadsAreCountedPerApiForTheMeterRegistry() {
		this.runner.withUserConfiguration(GreetingHandler.class)
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> {
				MeterRegistry registry = new SimpleMeterRegistry();
				context.getBean("quickRpcFlowMetrics", MeterBinder.class).bindTo(registry);
				RpcEndpoint<?> greeting = endpoint(context, GreetingApi.class);
				assertThat(registry.find("quickrpc.calls.dropped").tags("api", "greeting").functionCounter())
					.isNotNull()
					.satisfies((counter) -> assertThat(counter.count())
						.isEqualTo((double) greeting.statistics().droppedCalls()));
				assertThat(registry.find("quickrpc.reads.paused").tags("api", "greeting").functionCounter()).isNotNull();
				assertThat(registry.find("quickrpc.calls.dropped").meters())
					.as("one counter per API, none per peer").hasSize(context.getBeansOfType(RpcEndpoint.class).size());
			});
	}

	@Test
	void handlerNamingNoIncomingMethodFailsTheStartup() {
		this.runner.withUserConfiguration(UnknownHandler.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasMessageContaining("@IncomingHandler UnknownHandler.shout of bean")
				.hasMessageContaining("handles 'shout', which no API has as an incoming method"));
	}

	@Test
	void handlerMatchingTwoApisFailsTheStartup() {
		this.runner.withUserConfiguration(AmbiguousHandler.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasMessageContaining("@IncomingHandler AmbiguousHandler.wave of bean")
				.hasMessageContaining("is ambiguous: APIs [counterApi, greeting] all have an incoming 'wave'; "
						+ "set @IncomingHandler(api = \"...\")"));
	}

	@Test
	void explicitApiAndMethodResolveTheAmbiguity() {
		this.runner.withUserConfiguration(ExplicitHandler.class).run((context) -> {
			assertThat(endpoint(context, GreetingApi.class).unhandledCalls()).containsExactly("greet");
			assertThat(endpoint(context, CounterApi.class).unhandledCalls()).containsExactly("wave");
		});
	}

	@Test
	void handlerWithAMismatchedParameterFailsTheStartup() {
		this.runner.withUserConfiguration(MismatchedHandler.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasMessageContaining("@IncomingHandler MismatchedHandler.greet of bean")
				.hasMessageContaining("cannot be connected to API 'greeting'")
				.hasMessageContaining("parameter 'nickname' is not a parameter of GreetingApi.greet [name]"));
	}

	@Test
	void actuatorEndpointListsEveryApiWithItsUnhandledCalls() {
		this.runner.withUserConfiguration(GreetingHandler.class)
			.withPropertyValues("management.endpoints.web.exposure.include=quickrpc")
			.run((context) -> {
			QuickRpcEndpoint.ApisDescriptor apis = context.getBean(QuickRpcEndpoint.class).apis();
			assertThat(apis.apis()).containsOnlyKeys("counterApi", "greeting");
			QuickRpcEndpoint.ApiDescriptor greeting = apis.apis().get("greeting");
			assertThat(greeting.interfaceName()).isEqualTo(GreetingApi.class.getName());
			assertThat(greeting.running()).isTrue();
			assertThat(greeting.unhandledCalls()).containsExactly("wave");
			assertThat(greeting.incomingMethods()).containsExactly("greet", "wave");
			assertThat(greeting.outgoingMethods()).containsExactly("greeted");
			assertThat(context.getBean(QuickRpcEndpoint.class).api("nosuch")).isNull();
			});
	}

	@Test
	void healthTurnsDownWhenATransportStops() {
		this.runner.run((context) -> {
			QuickRpcHealthIndicator health = context.getBean(QuickRpcHealthIndicator.class);
			assertThat(health.health().getStatus().getCode()).isEqualTo("UP");
			endpoint(context, CounterApi.class).stop();
			assertThat(health.health().getStatus().getCode()).isEqualTo("DOWN");
			assertThat(health.health().getDetails().get("counterApi")).isEqualTo(Map.of("running", false,
					"transport", "internal:" + this.bus + "-counter:counter", "peers", 0));
		});
	}

	@Test
	void withoutActuatorThereIsNoEndpointAndNoHealthIndicator() {
		this.runner.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.withPropertyValues("management.endpoints.web.exposure.include=quickrpc")
			.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(QuickRpcEndpoint.class);
			assertThat(context).doesNotHaveBean(QuickRpcHealthIndicator.class);
			assertThat(context).hasSingleBean(GreetingApi.class);
			});
	}

	@Test
	void boundPortIsPublished() {
		this.runner.withPropertyValues("quickrpc.apis.greeting.transport=tcpserv:127.0.0.1:0").run((context) -> {
			int port = endpoint(context, GreetingApi.class).transport().localAddress().getPort();
			assertThat(context.getEnvironment().getProperty("local.quickrpc.greeting.port", Integer.class))
				.isEqualTo(port)
				.isPositive();
		});
	}

	@Test
	void endpointsStopWithTheContext() {
		RpcEndpoint<?>[] seen = new RpcEndpoint<?>[1];
		this.runner.run((context) -> seen[0] = endpoint(context, GreetingApi.class));
		assertThat(seen[0].isRunning()).isFalse();
	}

	private static RpcEndpoint<?> endpoint(org.springframework.context.ApplicationContext context, Class<?> api) {
		return (RpcEndpoint<?>) context
			.getBeanProvider(ResolvableType.forClassWithGenerics(RpcEndpoint.class, api))
			.getObject();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableQuickRpc(basePackageClasses = GreetingApi.class)
	static class Apis {

		@Bean
		Qualified qualified(@Qualifier("greeting") GreetingApi greeting) {
			return new Qualified(greeting);
		}

	}

	record Qualified(GreetingApi greeting) {
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnTransport {

		static final String BUS = "own-" + UUID.randomUUID();

		@Bean
		@Qualifier("greeting")
		Transport greetingTransport() {
			return Registry.transports().create("internal:" + BUS + ":own");
		}

	}

	static class GreetingHandler {

		@IncomingHandler
		String greet(String name) {
			return "hello " + name;
		}

	}

	static class CounterHandler {

		private long count;

		@IncomingHandler
		long increment(long by) {
			return this.count += by;
		}

		@IncomingHandler(api = "counterApi")
		void wave(String who) {
		}

	}

	static class UnknownHandler {

		@IncomingHandler
		void shout(String text) {
		}

	}

	static class AmbiguousHandler {

		@IncomingHandler
		void wave(String who) {
		}

	}

	static class ExplicitHandler {

		@IncomingHandler(api = "greeting")
		void wave(String who) {
		}

		@IncomingHandler(api = "counterApi", method = "increment")
		long add(long by) {
			return by;
		}

	}

	static class MismatchedHandler {

		@IncomingHandler
		String greet(String nickname) {
			return nickname;
		}

	}

}
