package io.netdoctor.bench;

import java.nio.charset.StandardCharsets;

/**
 * The Envelope benchmark's cluster as JSON, as a real API server would send it: NODES nodes, NAMESPACES
 * namespaces of PODS_PER_NAMESPACE pods each (with the labels, owner reference, managed fields, env, volumes,
 * tolerations and status a Deployment's pod has, about 4 KB each) and one Service per namespace. Names are the
 * benchmark's specification: pod {@code i} of the cluster is {@code <app>-<i, 6 digits>} with app
 * {@code APPS[i % APPS.length]}, in namespace {@code team-<i / PODS_PER_NAMESPACE, 4 digits>}, on node
 * {@code node-<i % NODES, 4 digits>}.
 */
public final class EnvelopeObjects {

  static final String[] APPS = {"web", "auth", "cart", "search", "mail", "pay"};
  private static final String TIME = "2026-11-30T08:00:00Z";

  final int nodes;
  final int namespaces;
  final int podsPerNamespace;

  public EnvelopeObjects(int nodes, int namespaces, int podsPerNamespace) {
    this.nodes = nodes;
    this.namespaces = namespaces;
    this.podsPerNamespace = podsPerNamespace;
  }

  int pods() {
    return namespaces * podsPerNamespace;
  }

  public static String podName(int i) {
    return APPS[i % APPS.length] + "-%06d".formatted(i);
  }

  public String namespaceOf(int pod) {
    return namespaceName(pod / podsPerNamespace);
  }

  static String namespaceName(int n) {
    return "team-%04d".formatted(n);
  }

  static String nodeName(int k) {
    return "node-%04d".formatted(k);
  }

  /** The pod's JSON at {@code resourceVersion} with {@code restarts} restarts of its container. */
  byte[] pod(int i, long resourceVersion, int restarts) {
    String name = podName(i);
    String app = APPS[i % APPS.length];
    String ns = namespaceOf(i);
    String uid = uid('p', i);
    String ip = "10.%d.%d.%d".formatted(i >> 16 & 255, i >> 8 & 255, i & 255);
    int node = i % nodes;
    var json = new StringBuilder(4096);
    json.append("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"").append(name)
        .append("\",\"generateName\":\"").append(app).append("-7c9d8b6f5d-\",\"namespace\":\"").append(ns)
        .append("\",\"uid\":\"").append(uid).append("\",\"resourceVersion\":\"").append(resourceVersion)
        .append("\",\"creationTimestamp\":\"").append(TIME).append("\",\"labels\":{\"app\":\"").append(app)
        .append("\",\"pod-template-hash\":\"7c9d8b6f5d\",\"tier\":\"backend\"},\"annotations\":{")
        .append("\"kubectl.kubernetes.io/restartedAt\":\"2026-11-30T07:59:00Z\",\"prometheus.io/scrape\":\"true\",")
        .append("\"prometheus.io/port\":\"9090\"},\"ownerReferences\":[{\"apiVersion\":\"apps/v1\",\"kind\":")
        .append("\"ReplicaSet\",\"name\":\"").append(app).append("-7c9d8b6f5d\",\"uid\":\"").append(uid('r', i))
        .append("\",\"controller\":true,\"blockOwnerDeletion\":true}],\"managedFields\":[{\"manager\":")
        .append("\"kube-controller-manager\",\"operation\":\"Update\",\"apiVersion\":\"v1\",\"time\":\"").append(TIME)
        .append("\",\"fieldsType\":\"FieldsV1\",\"fieldsV1\":{\"f:metadata\":{\"f:generateName\":{},\"f:labels\":")
        .append("{\".\":{},\"f:app\":{},\"f:pod-template-hash\":{},\"f:tier\":{}},\"f:ownerReferences\":{\".\":{}}},")
        .append("\"f:spec\":{\"f:containers\":{\"k:{\\\"name\\\":\\\"").append(app).append("\\\"}\":{\".\":{},")
        .append("\"f:env\":{},\"f:image\":{},\"f:name\":{},\"f:ports\":{},\"f:resources\":{},\"f:volumeMounts\":{}}},")
        .append("\"f:dnsPolicy\":{},\"f:restartPolicy\":{},\"f:tolerations\":{},\"f:volumes\":{}}}},{\"manager\":")
        .append("\"kubelet\",\"operation\":\"Update\",\"apiVersion\":\"v1\",\"time\":\"").append(TIME)
        .append("\",\"fieldsType\":\"FieldsV1\",\"fieldsV1\":{\"f:status\":{\"f:conditions\":{},")
        .append("\"f:containerStatuses\":{},\"f:hostIP\":{},\"f:phase\":{},\"f:podIP\":{},\"f:podIPs\":{},")
        .append("\"f:startTime\":{}}},\"subresource\":\"status\"}]},\"spec\":{\"containers\":[{\"name\":\"")
        .append(app).append("\",\"image\":\"registry.example.com/").append(app).append(":1.").append(i % 40)
        .append(".0\",\"ports\":[{\"name\":\"http\",\"containerPort\":8080,\"protocol\":\"TCP\"},{\"name\":")
        .append("\"metrics\",\"containerPort\":9090,\"protocol\":\"TCP\"}],\"env\":[{\"name\":\"LOG_LEVEL\",")
        .append("\"value\":\"info\"},{\"name\":\"POD_NAME\",\"valueFrom\":{\"fieldRef\":{\"apiVersion\":\"v1\",")
        .append("\"fieldPath\":\"metadata.name\"}}}],\"resources\":{\"requests\":{\"cpu\":\"100m\",\"memory\":")
        .append("\"128Mi\"},\"limits\":{\"memory\":\"256Mi\"}},\"volumeMounts\":[{\"name\":\"kube-api-access\",")
        .append("\"mountPath\":\"/var/run/secrets/kubernetes.io/serviceaccount\",\"readOnly\":true}],")
        .append("\"terminationMessagePath\":\"/dev/termination-log\",\"terminationMessagePolicy\":\"File\",")
        .append("\"imagePullPolicy\":\"IfNotPresent\"}],\"restartPolicy\":\"Always\",")
        .append("\"terminationGracePeriodSeconds\":30,\"dnsPolicy\":\"ClusterFirst\",\"serviceAccountName\":")
        .append("\"default\",\"serviceAccount\":\"default\",\"nodeName\":\"").append(nodeName(node))
        .append("\",\"securityContext\":{},\"schedulerName\":\"default-scheduler\",\"tolerations\":[{\"key\":")
        .append("\"node.kubernetes.io/not-ready\",\"operator\":\"Exists\",\"effect\":\"NoExecute\",")
        .append("\"tolerationSeconds\":300},{\"key\":\"node.kubernetes.io/unreachable\",\"operator\":\"Exists\",")
        .append("\"effect\":\"NoExecute\",\"tolerationSeconds\":300}],\"priority\":0,\"enableServiceLinks\":true,")
        .append("\"preemptionPolicy\":\"PreemptLowerPriority\",\"volumes\":[{\"name\":\"kube-api-access\",")
        .append("\"projected\":{\"sources\":[{\"serviceAccountToken\":{\"expirationSeconds\":3607,\"path\":")
        .append("\"token\"}},{\"configMap\":{\"name\":\"kube-root-ca.crt\",\"items\":[{\"key\":\"ca.crt\",")
        .append("\"path\":\"ca.crt\"}]}}],\"defaultMode\":420}}]},\"status\":{\"phase\":\"Running\",")
        .append("\"conditions\":[");
    String[] conditions = {"Initialized", "Ready", "ContainersReady", "PodScheduled"};
    for (int c = 0; c < conditions.length; c++) {
      json.append(c == 0 ? "" : ",").append("{\"type\":\"").append(conditions[c])
          .append("\",\"status\":\"True\",\"lastProbeTime\":null,\"lastTransitionTime\":\"").append(TIME).append("\"}");
    }
    json.append("],\"hostIP\":\"").append(nodeIp(node)).append("\",\"podIP\":\"").append(ip)
        .append("\",\"podIPs\":[{\"ip\":\"").append(ip).append("\"}],\"startTime\":\"").append(TIME)
        .append("\",\"containerStatuses\":[{\"name\":\"").append(app).append("\",\"state\":{\"running\":")
        .append("{\"startedAt\":\"").append(TIME).append("\"}},\"lastState\":{},\"ready\":true,\"restartCount\":")
        .append(restarts).append(",\"image\":\"registry.example.com/").append(app).append(":1.").append(i % 40)
        .append(".0\",\"imageID\":\"registry.example.com/").append(app).append("@sha256:")
        .append("%064x".formatted(i % 40)).append("\",\"containerID\":\"containerd://")
        .append("%064x".formatted(i)).append("\",\"started\":true}],\"qosClass\":\"Burstable\"}}");
    return bytes(json);
  }

  byte[] node(int k, long resourceVersion) {
    String name = nodeName(k);
    var json = new StringBuilder(1536);
    json.append("{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{\"name\":\"").append(name)
        .append("\",\"uid\":\"").append(uid('n', k)).append("\",\"resourceVersion\":\"").append(resourceVersion)
        .append("\",\"creationTimestamp\":\"").append(TIME).append("\",\"labels\":{\"kubernetes.io/hostname\":\"")
        .append(name).append("\",\"kubernetes.io/os\":\"linux\",\"topology.kubernetes.io/zone\":\"zone-")
        .append(k % 3).append("\"}},\"spec\":{\"podCIDR\":\"10.").append(k >> 8 & 255).append('.').append(k & 255)
        .append(".0/24\"},\"status\":{\"capacity\":{\"cpu\":\"16\",\"memory\":\"65851340Ki\",\"pods\":\"110\"},")
        .append("\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\",\"reason\":\"KubeletReady\",")
        .append("\"lastHeartbeatTime\":\"").append(TIME).append("\",\"lastTransitionTime\":\"").append(TIME)
        .append("\"}],\"addresses\":[{\"type\":\"InternalIP\",\"address\":\"").append(nodeIp(k))
        .append("\"},{\"type\":\"Hostname\",\"address\":\"").append(name).append("\"}],\"nodeInfo\":{")
        .append("\"machineID\":\"").append("%032x".formatted(k)).append("\",\"kernelVersion\":\"6.1.0-27-amd64\",")
        .append("\"osImage\":\"Debian GNU/Linux 12 (bookworm)\",\"containerRuntimeVersion\":\"containerd://1.7.22\",")
        .append("\"kubeletVersion\":\"v1.31.2\",\"kubeProxyVersion\":\"v1.31.2\",\"operatingSystem\":\"linux\",")
        .append("\"architecture\":\"amd64\",\"bootID\":\"").append(uid('b', k)).append("\",\"systemUUID\":\"")
        .append(uid('s', k)).append("\"}}}");
    return bytes(json);
  }

  byte[] namespace(int n, long resourceVersion) {
    String name = namespaceName(n);
    return bytes(new StringBuilder().append("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"")
        .append(name).append("\",\"uid\":\"").append(uid('s', n)).append("\",\"resourceVersion\":\"")
        .append(resourceVersion).append("\",\"labels\":{\"kubernetes.io/metadata.name\":\"").append(name)
        .append("\"}},\"spec\":{\"finalizers\":[\"kubernetes\"]},\"status\":{\"phase\":\"Active\"}}"));
  }

  /** One Service per namespace, selecting the namespace's auth pods. */
  byte[] service(int n, long resourceVersion) {
    return bytes(new StringBuilder().append("{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":")
        .append("\"auth\",\"namespace\":\"").append(namespaceName(n)).append("\",\"uid\":\"").append(uid('v', n))
        .append("\",\"resourceVersion\":\"").append(resourceVersion).append("\"},\"spec\":{\"selector\":{\"app\":")
        .append("\"auth\"},\"ports\":[{\"name\":\"http\",\"port\":80,\"targetPort\":8080,\"protocol\":\"TCP\"}],")
        .append("\"clusterIP\":\"10.96.").append(n >> 8 & 255).append('.').append(n & 255)
        .append("\",\"type\":\"ClusterIP\"},\"status\":{\"loadBalancer\":{}}}"));
  }

  private static String nodeIp(int k) {
    return "192.168.%d.%d".formatted(k >> 8 & 255, k & 255);
  }

  private static String uid(char kind, int i) {
    return "%08x-0000-4000-8000-%c%011x".formatted(i, kind, i);
  }

  private static byte[] bytes(CharSequence json) {
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }
}
