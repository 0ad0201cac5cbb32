/**
 * The SPI between the driver's cluster backend (which talks to executors over RPC) and what starts
 * executor processes: YARN containers in the ApplicationMaster, plain processes or threads in
 * tests.
 */
package dev.weft.spi.cluster;
