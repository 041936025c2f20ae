/**
 * Test support for quickrpc applications: {@link AutoConfigureQuickRpcInProcess} switches APIs
 * to an in-process bus of the test's application context, and {@link QuickRpcTestClients} gives
 * a test the other side of each of them.
 */
@NullMarked
package io.quickrpc.spring.test;

import org.jspecify.annotations.NullMarked;
