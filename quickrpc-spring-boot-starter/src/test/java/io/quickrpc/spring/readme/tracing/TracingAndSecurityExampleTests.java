package io.quickrpc.spring.readme.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import brave.handler.MutableSpan;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;

import io.quickrpc.RemoteException;
import io.quickrpc.RpcEndpoint;
import io.quickrpc.spring.EnableQuickRpc;
import io.quickrpc.spring.FinishedSpans;
import io.quickrpc.spring.QuickRpcAutoConfiguration;
import io.quickrpc.spring.QuickRpcObservationAutoConfiguration;
import io.quickrpc.spring.QuickRpcSecurityAutoConfiguration;

/**
 * Runs the example of the README's "Tracing and security" section: the orders API, its secured
 * handler and the converter that gives alice her role, configured as the README's YAML says, with
 * Spring Boot's tracing.
 */
class TracingAndSecurityExampleTests {

	private static final byte[] SERVER_KEY = "the server's key of 32 bytes....".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] ALICE_KEY = "alice's 32-byte key, kept secret".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] BOB_KEY = "bob's key, also 32 bytes long...".getBytes(StandardCharsets.US_ASCII);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, BraveAutoConfiguration.class,
				MicrometerTracingAutoConfiguration.class, QuickRpcAutoConfiguration.class,
				QuickRpcObservationAutoConfiguration.class, QuickRpcSecurityAutoConfiguration.class))
		.withUserConfiguration(OrderApplication.class, OrderSecurity.class, OrderHandler.class)
		.withBean(FinishedSpans.class)
		.withPropertyValues("quickrpc.apis.orders.transport=tcpserv:127.0.0.1:0",
				"quickrpc.apis.orders.security=hmac", "quickrpc.apis.orders.hmac.user=server",
				"quickrpc.apis.orders.hmac.keys.server=" + base64(SERVER_KEY),
				"quickrpc.apis.orders.hmac.keys.alice=" + base64(ALICE_KEY),
				"quickrpc.apis.orders.hmac.keys.bob=" + base64(BOB_KEY),
				"management.tracing.sampling.probability=1.0");

	@Test
	void aliceMayOrderBobIsDeniedAndEachCallIsASpan() {
		this.runner.run((context) -> {
			int port = ((RpcEndpoint<?>) context
				.getBeanProvider(ResolvableType.forClassWithGenerics(RpcEndpoint.class, OrderApi.class))
				.getObject()).transport().localAddress().getPort();
			assertThat(OrderClient.placeAs("alice", ALICE_KEY, SERVER_KEY, port)).isEqualTo("two apples ordered by alice");
			assertThatExceptionOfType(RemoteException.class)
				.isThrownBy(() -> OrderClient.placeAs("bob", BOB_KEY, SERVER_KEY, port))
				.satisfies((ex) -> assertThat(ex.code()).isEqualTo(-32001))
				.satisfies((ex) -> assertThat(ex.remoteMessage()).isEqualTo("Access to place of API 'orders' denied for "
						+ "'bob' (Access Denied); call it as a user the handler permits"));
			List<MutableSpan> spans = context.getBean(FinishedSpans.class).spans();
			await().untilAsserted(() -> assertThat(spans).filteredOn(MutableSpan::name, "orders/place").hasSize(2));
			List<MutableSpan> calls = spans.stream().filter((span) -> span.name().equals("orders/place")).toList();
			assertThat(calls).extracting((span) -> span.kind() + " " + span.tag("outcome") + " " + span.tag("error.code"))
				.containsExactlyInAnyOrder("SERVER success none", "SERVER error -32001");
			assertThat(spans).filteredOn(MutableSpan::name, "authorize method")
				.as("Spring Security's authorization of each call, within the call's span")
				.extracting(MutableSpan::parentId)
				.containsExactlyInAnyOrder(calls.get(0).id(), calls.get(1).id());
		});
	}

	private static String base64(byte[] key) {
		return Base64.getEncoder().encodeToString(key);
	}

	/** What {@code @SpringBootApplication} does for the README's application: find its API. */
	@Configuration(proxyBeanMethods = false)
	@EnableQuickRpc(basePackageClasses = OrderApi.class)
	static class OrderApplication {

	}

}
