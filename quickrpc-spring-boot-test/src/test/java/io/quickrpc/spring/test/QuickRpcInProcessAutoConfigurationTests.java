package io.quickrpc.spring.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.ResolvableType;

import io.quickrpc.RpcEndpoint;
import io.quickrpc.spring.EnableQuickRpc;
import io.quickrpc.spring.QuickRpcAutoConfiguration;
import io.quickrpc.spring.test.shop.ShopApi;
import io.quickrpc.spring.test.shop.ShopService;
import io.quickrpc.spring.test.shop.StockApi;
import io.quickrpc.spring.test.shop.StockService;

class QuickRpcInProcessAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(QuickRpcAutoConfiguration.class, QuickRpcInProcessAutoConfiguration.class))
		.withUserConfiguration(Shop.class)
		.withPropertyValues("quickrpc.apis.shop.transport=tcpserv:127.0.0.1:0",
				"quickrpc.apis.stock.transport=tcpserv:127.0.0.1:0");

	@Test
	void everyEndpointMovesToTheInProcessBusAndTheTestCallsItsHandlersWithoutASocket() {
		this.runner.run((context) -> {
			RpcEndpoint<?> shop = endpoint(context, ShopApi.class);
			assertThat(shop.transport().toString()).isEqualTo("internal:shop:application");
			assertThat(shop.transport().localAddress()).isNull();
			assertThat(endpoint(context, StockApi.class).transport().toString()).isEqualTo("internal:stock:application");
			assertThat(context.getEnvironment().containsProperty("local.quickrpc.shop.port")).isFalse();
			QuickRpcTestClients clients = context.getBean(QuickRpcTestClients.class);

			assertThat(clients.client(ShopApi.class).order("tea")).isEqualTo("ordered tea");
			assertThat(clients.client(StockApi.class).count("tea")).isEqualTo(3);
			assertThat(shop.peers()).containsExactly("test-client-1");
		});
	}

	@Test
	void listenersOnTheTestsEndpointReceiveWhatTheApplicationSends() {
		this.runner.run((context) -> {
			QuickRpcTestClients clients = context.getBean(QuickRpcTestClients.class);
			BlockingQueue<String> shipped = new LinkedBlockingQueue<>();
			clients.endpoint(ShopApi.class).connect("shipped", (call) -> shipped.add((String) call.argument("item")));

			clients.client(ShopApi.class).order("tea");

			await().until(() -> "tea".equals(shipped.peek()));
		});
	}

	@Test
	void theTestsSideOfAnInvertedEndpointServesTheApplicationsCalls() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(QuickRpcAutoConfiguration.class, QuickRpcInProcessAutoConfiguration.class))
			.withUserConfiguration(ShopOnly.class)
			.withPropertyValues("quickrpc.apis.shop.transport=tcpserv:127.0.0.1:0", "quickrpc.apis.stock.invert=true",
					"quickrpc.apis.stock.transport=tcp:127.0.0.1:1")
			.run((context) -> {
				RpcEndpoint<StockApi> server = context.getBean(QuickRpcTestClients.class).endpoint(StockApi.class);
				server.connect("count", (call) -> 42);
				StockApi stock = context.getBean(StockApi.class);

				assertThat(stock.count("tea")).isEqualTo(42);
				assertThat(server.isInverted()).isFalse();
			});
	}

	@Test
	void onlyTheNamedEndpointsMoveAndTheOthersCannotBeReached() {
		this.runner.withPropertyValues("quickrpc.test.in-process.apis=shop").run((context) -> {
			assertThat(endpoint(context, ShopApi.class).transport().toString()).isEqualTo("internal:shop:application");
			assertThat(endpoint(context, StockApi.class).transport().localAddress()).isNotNull();
			QuickRpcTestClients clients = context.getBean(QuickRpcTestClients.class);

			assertThat(clients.client(ShopApi.class).order("tea")).isEqualTo("ordered tea");
			assertThatIllegalArgumentException().isThrownBy(() -> clients.client(StockApi.class))
				.withMessage("Endpoint 'stock' keeps its transport tcpserv:127.0.0.1:0; add 'stock' to "
						+ "@AutoConfigureQuickRpcInProcess(apis = ...) to reach it in-process");
			assertThatIllegalArgumentException().isThrownBy(() -> clients.client("shop", StockApi.class))
				.withMessage("Endpoint 'shop' serves " + ShopApi.class.getName() + ", not " + StockApi.class.getName()
						+ "; ask for it with ShopApi.class");
		});
	}

	@Test
	void anUnknownEndpointNameFailsTheStartupListingTheKnownOnes() {
		this.runner.withPropertyValues("quickrpc.test.in-process.apis=shop,shoes").run((context) -> assertThat(context)
			.hasFailed()
			.getFailure()
			.hasMessage("@AutoConfigureQuickRpcInProcess(apis) names [shoes], but this application context has no "
					+ "quickrpc endpoint of such a name; name some of its endpoints [shop, stock], or leave apis empty "
					+ "to switch them all"));
	}

	@Test
	void twoContextsAtOnceKeepTheirBusesApart() {
		this.runner.run((first) -> this.runner.run((second) -> {
			assertThat(second).hasNotFailed();
			QuickRpcTestClients firstClients = first.getBean(QuickRpcTestClients.class);
			QuickRpcTestClients secondClients = second.getBean(QuickRpcTestClients.class);
			firstClients.client(ShopApi.class).order("tea");
			secondClients.client(ShopApi.class).order("tea");

			assertThat(endpoint(first, ShopApi.class).peers()).hasSize(1);
			assertThat(endpoint(second, ShopApi.class).peers()).hasSize(1);
		}));
	}

	@Test
	void resetStopsTheTestsEndpointsAndTheNextCallMakesANewOne() {
		this.runner.run((context) -> {
			QuickRpcTestClients clients = context.getBean(QuickRpcTestClients.class);
			RpcEndpoint<ShopApi> before = clients.endpoint(ShopApi.class);

			clients.reset();

			assertThat(before.isRunning()).isFalse();
			assertThat(clients.endpoint(ShopApi.class)).isNotSameAs(before);
			assertThat(clients.client(ShopApi.class).order("tea")).isEqualTo("ordered tea");
		});
	}

	private static RpcEndpoint<?> endpoint(ApplicationContext context, Class<?> api) {
		return (RpcEndpoint<?>) context.getBeanProvider(ResolvableType.forClassWithGenerics(RpcEndpoint.class, api))
			.getObject();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableQuickRpc(basePackageClasses = ShopApi.class)
	@Import({ ShopService.class, StockService.class })
	static class Shop {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableQuickRpc(basePackageClasses = ShopApi.class)
	@Import(ShopService.class)
	static class ShopOnly {

	}

}
