package io.quickrpc.spring.test.shop;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A shop that serves {@link ShopApi} and {@link StockApi}. */
@SpringBootApplication
public class ShopApplication {

}
