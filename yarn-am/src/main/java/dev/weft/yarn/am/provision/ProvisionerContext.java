package dev.weft.yarn.am.provision;

import dev.weft.yarn.am.LaunchSpec;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.client.api.AMRMClient.ContainerRequest;
import org.apache.hadoop.yarn.client.api.async.AMRMClientAsync;

/**
 * What the ApplicationMaster hands the provisioner.
 *
 * @param hadoopConf the cluster's configuration
 * @param amrm the registered ResourceManager client; its callbacks must reach {@link
 *     YarnProvisioner#onContainersAllocated} and {@link YarnProvisioner#onContainersCompleted}
 * @param maxCapability the largest container the cluster grants (from the registration)
 * @param spec the application's launch spec
 * @param credentials the AM's credentials (delegation tokens for executors)
 * @param secret the application's secret
 * @param containerEnv environment variables every executor gets (e.g. {@code HADOOP_USER_NAME})
 * @param javaCommand the java binary of executors
 * @param failApplication ends the application as FAILED with the reason (too many executor
 *     failures)
 * @param registeredExecutors receives the number of registered executors when it changes
 * @param amAttempt the ApplicationMaster's attempt number (from 1), part of executor ids
 */
public record ProvisionerContext(
    Configuration hadoopConf,
    AMRMClientAsync<ContainerRequest> amrm,
    Resource maxCapability,
    LaunchSpec spec,
    Credentials credentials,
    byte[] secret,
    Map<String, String> containerEnv,
    String javaCommand,
    Consumer<String> failApplication,
    IntConsumer registeredExecutors,
    int amAttempt) {}
