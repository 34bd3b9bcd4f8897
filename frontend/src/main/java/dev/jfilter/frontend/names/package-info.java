/**
 * Name lookups for filter expressions: host, Ethernet host, network, service and protocol names
 * ({@link dev.jfilter.frontend.names.NameResolver}), from this host's databases
 * ({@link dev.jfilter.frontend.names.SystemNameResolver}) or from fixed tables
 * ({@link dev.jfilter.frontend.names.FixedNameResolver}).
 */
package dev.jfilter.frontend.names;
