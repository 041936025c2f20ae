package io.quickrpc.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import brave.handler.MutableSpan;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.ObservationContextAssert;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ResolvableType;

import io.quickrpc.IncomingHandler;
import io.quickrpc.RemoteException;
import io.quickrpc.RpcEndpoint;
import io.quickrpc.spring.apis.GreetingApi;

/**
 * Tests for {@link QuickRpcObservationAutoConfiguration}: every call is an observation with its
 * key values, the {@code quickrpc.calls} timer comes from it, conventions can be replaced, and
 * the trace context travels with a call over TCP so that the server's span is a child of the
 * client's. Each test runs a server and a client application.
 */
class QuickRpcObservationTests {

	private final String bus = "observation-" + UUID.randomUUID();

	private static final AutoConfigurations TRACING = AutoConfigurations.of(ObservationAutoConfiguration.class,
			BraveAutoConfiguration.class, MicrometerTracingAutoConfiguration.class);

	private final ApplicationContextRunner serverWithoutHandler = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(QuickRpcAutoConfiguration.class, QuickRpcEndpointAutoConfiguration.class,
				QuickRpcObservationAutoConfiguration.class))
		.withUserConfiguration(QuickRpcAutoConfigurationTests.Apis.class)
		.withPropertyValues("quickrpc.apis.greeting.transport=tcpserv:127.0.0.1:0",
				"quickrpc.apis.counterApi.transport=internal:" + this.bus + ":server");

	private final ApplicationContextRunner server = this.serverWithoutHandler.withBean(GreetingHandler.class);

	@Test
	void everyCallIsAnObservationOnBothSidesWithApiMethodDirectionOutcomeAndErrorCode() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		this.server.withBean(ObservationRegistry.class, () -> registry).run((server) -> {
			client(server).withBean(ObservationRegistry.class, () -> registry).run((client) -> {
				GreetingApi greeting = client.getBean(GreetingApi.class);
				assertThat(greeting.greet("ann")).isEqualTo("hello ann");
				assertThatExceptionOfType(RemoteException.class).isThrownBy(() -> greeting.greet(""));
			});
		});
		await().untilAsserted(() -> TestObservationRegistryAssert.assertThat(registry)
			.hasNumberOfObservationsWithNameEqualTo(QuickRpcObservationDocumentation.NAME, 4));
		TestObservationRegistryAssert.assertThat(registry)
			.hasAnObservation(call("incoming", "success", "none").andThen(ObservationContextAssert::doesNotHaveError))
			.hasAnObservation(call("outgoing", "success", "none").andThen(ObservationContextAssert::doesNotHaveError))
			.hasAnObservation(call("incoming", "error", "-32602").andThen(ObservationContextAssert::hasError))
			.hasAnObservation(call("outgoing", "error", "-32602").andThen(ObservationContextAssert::hasError));
	}

	@SuppressWarnings("rawtypes") // as hasAnObservation takes it
	private static Consumer<ObservationContextAssert> call(String direction, String outcome, String errorCode) {
		return (observation) -> observation.hasContextualNameEqualTo("greeting/greet")
			.hasLowCardinalityKeyValue("api", "greeting")
			.hasLowCardinalityKeyValue("method", "greet")
			.hasLowCardinalityKeyValue("direction", direction)
			.hasLowCardinalityKeyValue("outcome", outcome)
			.hasLowCardinalityKeyValue("error.code", errorCode)
			.hasHighCardinalityKeyValueWithKey("peer");
	}

	@Test
	void theQuickrpcCallsTimerComesFromTheObservationWithTheErrorCodeTag() {
		this.server
			.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, MetricsAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((server) -> {
				assertThat(server).doesNotHaveBean(QuickRpcCallMetrics.class);
				client(server).run((client) -> assertThatExceptionOfType(RemoteException.class)
					.isThrownBy(() -> client.getBean(GreetingApi.class).greet("")));
				MeterRegistry meters = server.getBean(MeterRegistry.class);
				await().untilAsserted(() -> assertThat(meters.find("quickrpc.calls")
					.tags("api", "greeting", "method", "greet", "direction", "incoming", "outcome", "error", "error.code",
							"-32602")
					.timer()).isNotNull().satisfies((timer) -> assertThat(timer.count()).isEqualTo(1)));
			});
	}

	@Test
	void aConventionBeanReplacesTheDefaultNamesAndKeys() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		this.server.withBean(ObservationRegistry.class, () -> registry)
			.withBean(QuickRpcServerObservationConvention.class, () -> new DefaultQuickRpcServerObservationConvention() {

				@Override
				public String getContextualName(QuickRpcServerContext context) {
					return "handle " + context.getCall().method();
				}

			})
			.run((server) -> client(server).run((client) -> client.getBean(GreetingApi.class).greet("ann")));
		await().untilAsserted(() -> TestObservationRegistryAssert.assertThat(registry)
			.hasObservationWithNameEqualTo(QuickRpcObservationDocumentation.NAME)
			.that()
			.hasContextualNameEqualTo("handle greet")
			.hasBeenStopped());
	}

	@Test
	void withoutAnObservationRegistryCallsAreNotObservedAndTheMetricsTimeThem() {
		this.server.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((server) -> {
			assertThat(server).doesNotHaveBean("quickRpcObservationCustomizer").hasSingleBean(QuickRpcCallMetrics.class);
			client(server).run((client) -> client.getBean(GreetingApi.class).greet("ann"));
			MeterRegistry meters = server.getBean(MeterRegistry.class);
			await().untilAsserted(() -> assertThat(meters.find("quickrpc.calls").tags("outcome", "success").timer())
				.isNotNull());
		});
	}

	@Test
	void theServersSpanIsAChildOfTheClientsAndCurrentInTheHandlerAcrossTcp() {
		this.serverWithoutHandler.withConfiguration(TRACING)
			.withBean(FinishedSpans.class)
			.withBean(TracedGreeter.class)
			.withPropertyValues("management.tracing.sampling.probability=1.0")
			.run((server) -> {
				client(server).withConfiguration(TRACING)
					.withBean(FinishedSpans.class)
					.withPropertyValues("management.tracing.sampling.probability=1.0")
					.run((client) -> {
						assertThat(client.getBean(GreetingApi.class).greet("ann")).isEqualTo("hello ann");
						MutableSpan clientSpan = span(client, brave.Span.Kind.CLIENT);
						MutableSpan serverSpan = span(server, brave.Span.Kind.SERVER);
						assertThat(clientSpan.name()).isEqualTo("greeting/greet");
						assertThat(serverSpan.name()).isEqualTo("greeting/greet");
						assertThat(serverSpan.traceId()).isEqualTo(clientSpan.traceId());
						assertThat(serverSpan.parentId()).as("the server span's parent").isEqualTo(clientSpan.id());
						TracedGreeter greeter = server.getBean(TracedGreeter.class);
						assertThat(greeter.seen).containsExactly(serverSpan.traceId() + "/" + serverSpan.id());
					});
			});
	}

	private static MutableSpan span(ApplicationContext context, brave.Span.Kind kind) {
		List<MutableSpan> spans = context.getBean(FinishedSpans.class).spans();
		await().until(() -> spans.stream().anyMatch((span) -> span.kind() == kind));
		return spans.stream().filter((span) -> span.kind() == kind).findFirst().orElseThrow();
	}

	/** A client application of the server's greeting API, over TCP. */
	private ApplicationContextRunner client(AssertableApplicationContext server) {
		int port = ((RpcEndpoint<?>) server
			.getBeanProvider(ResolvableType.forClassWithGenerics(RpcEndpoint.class, GreetingApi.class))
			.getObject()).transport().localAddress().getPort();
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(QuickRpcAutoConfiguration.class, QuickRpcObservationAutoConfiguration.class))
			.withUserConfiguration(QuickRpcAutoConfigurationTests.Apis.class)
			.withPropertyValues("quickrpc.apis.greeting.transport=tcp:127.0.0.1:" + port,
					"quickrpc.apis.greeting.invert=true",
					"quickrpc.apis.counterApi.transport=internal:" + this.bus + ":client");
	}

	static class GreetingHandler {

		@IncomingHandler
		String greet(String name) {
			if (name.isEmpty()) {
				throw new IllegalArgumentException("no name to greet");
			}
			return "hello " + name;
		}

	}

	/** Greets, and notes the trace and span current in the handler. */
	static class TracedGreeter {

		final List<String> seen = new CopyOnWriteArrayList<>();

		private final Tracer tracer;

		TracedGreeter(Tracer tracer) {
			this.tracer = tracer;
		}

		@IncomingHandler
		String greet(String name) {
			Span current = this.tracer.currentSpan();
			this.seen.add((current != null) ? current.context().traceId() + "/" + current.context().spanId() : "none");
			return "hello " + name;
		}

	}

}
