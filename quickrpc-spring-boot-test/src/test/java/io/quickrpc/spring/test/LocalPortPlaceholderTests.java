package io.quickrpc.spring.test;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

import io.quickrpc.RpcEndpoint;
import io.quickrpc.spring.test.shop.ShopApi;
import io.quickrpc.spring.test.shop.ShopApplication;

/**
 * A client endpoint of the same context reaches a server on the port it bound, through
 * {@code ${local.quickrpc.shop.port}}; the second endpoint of {@link ShopApi} leaves the
 * unqualified injection of the application's own ({@code ShopService} takes a {@code ShopApi}).
 */
@SpringBootTest(classes = ShopApplication.class,
		properties = { "quickrpc.apis.shop.transport=tcpserv:127.0.0.1:0", "quickrpc.apis.stock.transport=internal:stock",
				"quickrpc.apis.shopClient.api=io.quickrpc.spring.test.shop.ShopApi",
				"quickrpc.apis.shopClient.invert=true",
				"quickrpc.apis.shopClient.transport=tcp:127.0.0.1:${local.quickrpc.shop.port}" })
class LocalPortPlaceholderTests {

	@Autowired
	@Qualifier("shopClient")
	ShopApi shopClient;

	@Autowired
	@Qualifier("shopClient")
	RpcEndpoint<ShopApi> shopClientEndpoint;

	@Autowired
	ShopApi primary;

	@Value("${local.quickrpc.shop.port}")
	int port;

	@Test
	void aClientOfTheSameContextCallsTheServerOnTheBoundPort() {
		assertThat(this.shopClientEndpoint.transport().toString()).contains("tcp:127.0.0.1:" + this.port);
		assertThat(this.shopClient.order("tea")).isEqualTo("ordered tea");
		assertThat(this.primary).isNotSameAs(this.shopClient);
	}

}
