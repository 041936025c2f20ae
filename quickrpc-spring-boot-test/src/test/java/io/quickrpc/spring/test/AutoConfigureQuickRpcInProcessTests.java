package io.quickrpc.spring.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import io.quickrpc.RpcEndpoint;
import io.quickrpc.spring.test.shop.ShopApi;
import io.quickrpc.spring.test.shop.ShopApplication;
import io.quickrpc.spring.test.shop.StockApi;

/**
 * The annotation on a {@code @SpringBootTest}: the chosen API is served in-process to the test,
 * and a mocked API's endpoint never connects (its server here refuses connections, and
 * fail-fast would fail the startup).
 */
@SpringBootTest(classes = ShopApplication.class,
		properties = { "quickrpc.apis.shop.transport=tcpserv:127.0.0.1:0",
				"quickrpc.apis.stock.transport=tcp:127.0.0.1:1", "quickrpc.apis.stock.fail-fast=true" })
@AutoConfigureQuickRpcInProcess(apis = "shop")
class AutoConfigureQuickRpcInProcessTests {

	@Autowired
	QuickRpcTestClients clients;

	@Autowired
	@Qualifier("shop")
	RpcEndpoint<ShopApi> shop;

	@Autowired
	@Qualifier("stock")
	RpcEndpoint<StockApi> stockEndpoint;

	@MockitoBean
	StockApi stock;

	@AfterEach
	void resetClients() {
		this.clients.reset();
	}

	@Test
	void theTestCallsTheApplicationsHandlersInProcess() {
		assertThat(this.clients.client(ShopApi.class).order("tea")).isEqualTo("ordered tea");
		assertThat(this.shop.transport().toString()).isEqualTo("internal:shop:application");
		assertThat(this.shop.transport().localAddress()).isNull();
	}

	@Test
	void aMockedApisEndpointExistsButDoesNotConnect() {
		given(this.stock.count("tea")).willReturn(7);

		assertThat(this.stock.count("tea")).isEqualTo(7);
		assertThat(this.stockEndpoint.isRunning()).isFalse();
		assertThat(this.stockEndpoint.transport().toString()).contains("tcp:127.0.0.1:1");
	}

}
