package io.quickrpc.spring.test;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import io.quickrpc.RpcEndpoint;
import io.quickrpc.spring.test.shop.ShopApplication;
import io.quickrpc.spring.test.shop.StockApi;

/**
 * Unlike a mock, a spy of an API calls the real proxy, so its endpoint starts as usual.
 */
@SpringBootTest(classes = ShopApplication.class,
		properties = { "quickrpc.apis.shop.transport=internal:shop", "quickrpc.apis.stock.transport=internal:stock" })
@AutoConfigureQuickRpcInProcess
class SpiedApiTests {

	@MockitoSpyBean
	StockApi stock;

	@Autowired
	@Qualifier("stock")
	RpcEndpoint<StockApi> endpoint;

	@Autowired
	QuickRpcTestClients clients;

	@Test
	void aSpiedApisEndpointStartsAndServes() {
		assertThat(this.endpoint.isRunning()).isTrue();
		assertThat(this.clients.client(StockApi.class).count("tea")).isEqualTo(3);
	}

}
