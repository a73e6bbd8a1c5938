//! Where queries run: in this process (`local`, the default) or on an Apache DataFusion
//! Ballista cluster (`ballista://HOST:PORT`, the scheduler's address). The same SQL and the
//! same DataFrame calls serve both: a Ballista session differs only in its query planner,
//! which sends each plan to the scheduler. This module also starts the cluster's parts
//! (`entente cluster scheduler|executor`), so that they carry entente's plan codec.
//!
//! Executors read the GDELT parts by the absolute paths the manifest gives, so the data
//! folder must be at the same path on every machine of the cluster (a shared file system).
//! The curated tables travel inside the plan (Arrow IPC, see [`Codec`]); that needs a
//! scheduler started by `entente cluster scheduler`, not Ballista's own binary.

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use ballista_core::config::TaskSchedulingPolicy;
use ballista_core::extension::{SessionConfigExt, SessionStateExt};
use ballista_executor::executor_process::{ExecutorProcessConfig, start_executor_process};
use ballista_scheduler::cluster::BallistaCluster;
use ballista_scheduler::config::{SchedulerConfig, TaskDistributionPolicy};
use ballista_scheduler::scheduler_process::{create_scheduler, start_grpc_service_with_listener};
use datafusion::arrow::datatypes::SchemaRef;
use datafusion::arrow::ipc::reader::StreamReader;
use datafusion::arrow::ipc::writer::StreamWriter;
use datafusion::catalog::TableProvider;
use datafusion::common::TableReference;
use datafusion::datasource::MemTable;
use datafusion::datasource::file_format::FileFormatFactory;
use datafusion::error::DataFusionError;
use datafusion::execution::TaskContext;
use datafusion::execution::runtime_env::RuntimeEnv;
use datafusion::execution::session_state::SessionStateBuilder;
use datafusion::logical_expr::{AggregateUDF, Extension, LogicalPlan, ScalarUDF, WindowUDF};
use datafusion::prelude::{SessionConfig, SessionContext};
use datafusion_proto::logical_plan::LogicalExtensionCodec;
use datafusion_proto::protobuf::{LogicalPlanNode, PhysicalPlanNode};

use crate::AnalyticsError;

/// Ballista's port when an address gives none.
pub const DEFAULT_SCHEDULER_PORT: u16 = 50050;

/// How long a client waits for the scheduler's port to answer before it gives up.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// Where queries run (`--engine`, or `engine` in the settings file).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Backend {
    /// DataFusion in this process.
    #[default]
    Local,
    /// A Ballista cluster, by its scheduler's address.
    Ballista { host: String, port: u16 },
}

impl FromStr for Backend {
    type Err = AnalyticsError;

    fn from_str(s: &str) -> Result<Backend, AnalyticsError> {
        let text = s.trim();
        if text.eq_ignore_ascii_case("local") {
            return Ok(Backend::Local);
        }
        let bad = || {
            AnalyticsError::Cluster(format!(
                "the engine must be `local` or `ballista://HOST:PORT` (a Ballista scheduler), not `{s}`"
            ))
        };
        let rest = text.strip_prefix("ballista://").ok_or_else(bad)?;
        let rest = rest.strip_suffix('/').unwrap_or(rest);
        // An IPv6 host comes in brackets, so its colons are not taken for the port's.
        let (host, port) = match rest.strip_prefix('[') {
            Some(v6) => {
                let (host, after) = v6.split_once(']').ok_or_else(bad)?;
                (host, after.strip_prefix(':'))
            }
            None => match rest.rsplit_once(':') {
                Some((host, port)) => (host, Some(port)),
                None => (rest, None),
            },
        };
        if host.is_empty() || host.contains(['/', '@', '?', '#', ' ']) {
            return Err(bad());
        }
        let port = match port {
            Some(p) => p.parse::<u16>().ok().filter(|p| *p > 0).ok_or_else(bad)?,
            None => DEFAULT_SCHEDULER_PORT,
        };
        Ok(Backend::Ballista { host: host.to_string(), port })
    }
}

impl fmt::Display for Backend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Backend::Local => f.write_str("local"),
            Backend::Ballista { host, port } if host.contains(':') => write!(f, "ballista://[{host}]:{port}"),
            Backend::Ballista { host, port } => write!(f, "ballista://{host}:{port}"),
        }
    }
}

/// A session whose plans run on the Ballista scheduler at `host:port`, with `config` and
/// `runtime` as a local session would have them. The scheduler is tried first, so an
/// unreachable one is a clear error here rather than a transport error mid-query.
pub(crate) async fn session(
    host: &str,
    port: u16,
    config: SessionConfig,
    runtime: Arc<RuntimeEnv>,
) -> Result<SessionContext, AnalyticsError> {
    reachable(host, port).await?;
    let config = config
        .upgrade_for_ballista()
        .with_ballista_logical_extension_codec(Arc::new(Codec::default()))
        // With Ballista 55's adaptive planner, a job whose executor died waited without end
        // ("Can't find active stage to update stage outputs"); the static planner is used.
        .with_ballista_adaptive_query_planner(false);
    let state = SessionStateBuilder::new()
        .with_default_features()
        .with_config(config)
        .with_runtime_env(runtime)
        .build()
        .upgrade_for_ballista(format!("http://{}", authority(host, port)))?;
    Ok(SessionContext::new_with_state(state))
}

/// `host:port`, with an IPv6 host in brackets.
fn authority(host: &str, port: u16) -> String {
    if host.contains(':') { format!("[{host}]:{port}") } else { format!("{host}:{port}") }
}

/// Fails with the address and the reason unless the scheduler's port accepts a connection
/// within [`CONNECT_TIMEOUT`].
async fn reachable(host: &str, port: u16) -> Result<(), AnalyticsError> {
    let address = authority(host, port);
    let failed = |why: String| {
        AnalyticsError::Cluster(format!("cannot reach the Ballista scheduler at {address} (--engine): {why}"))
    };
    match tokio::time::timeout(CONNECT_TIMEOUT, tokio::net::TcpStream::connect((host, port))).await {
        Ok(Ok(_)) => Ok(()),
        Ok(Err(e)) => Err(failed(e.to_string())),
        Err(_) => Err(failed(format!("no answer within {} s", CONNECT_TIMEOUT.as_secs()))),
    }
}

/// Ballista's plan codec, plus in-memory tables (the store's curated tables) carried inside
/// the plan as Arrow IPC, so executors need no copy of the store. Other tables (the Parquet
/// parts) go as Ballista sends them: by path.
#[derive(Debug, Default)]
pub struct Codec {
    inner: ballista_core::serde::BallistaLogicalExtensionCodec,
}

/// Marks a table this codec wrote, so any other goes to Ballista's codec.
const MEM_TABLE: &[u8] = b"entente-mem-table-ipc\0";

impl LogicalExtensionCodec for Codec {
    fn try_decode(
        &self,
        buf: &[u8],
        inputs: &[LogicalPlan],
        ctx: &TaskContext,
    ) -> datafusion::error::Result<Extension> {
        self.inner.try_decode(buf, inputs, ctx)
    }

    fn try_encode(&self, node: &Extension, buf: &mut Vec<u8>) -> datafusion::error::Result<()> {
        self.inner.try_encode(node, buf)
    }

    fn try_decode_table_provider(
        &self,
        buf: &[u8],
        table_ref: &TableReference,
        schema: SchemaRef,
        ctx: &TaskContext,
    ) -> datafusion::error::Result<Arc<dyn TableProvider>> {
        let Some(ipc) = buf.strip_prefix(MEM_TABLE) else {
            return self.inner.try_decode_table_provider(buf, table_ref, schema, ctx);
        };
        let reader = StreamReader::try_new(ipc, None)?;
        let batches = reader.collect::<Result<Vec<_>, _>>()?;
        Ok(Arc::new(MemTable::try_new(schema, vec![batches])?))
    }

    fn try_encode_table_provider(
        &self,
        table_ref: &TableReference,
        node: Arc<dyn TableProvider>,
        buf: &mut Vec<u8>,
    ) -> datafusion::error::Result<()> {
        let Some(table) = node.as_ref().downcast_ref::<MemTable>() else {
            return self.inner.try_encode_table_provider(table_ref, node, buf);
        };
        buf.extend_from_slice(MEM_TABLE);
        let mut writer = StreamWriter::try_new(&mut *buf, &table.schema())?;
        for partition in &table.batches {
            let batches = partition.try_read().map_err(|_| {
                DataFusionError::Internal(format!("the table {table_ref} is being written while it is sent"))
            })?;
            for batch in batches.iter() {
                writer.write(batch)?;
            }
        }
        writer.finish()?;
        Ok(())
    }

    fn try_decode_file_format(
        &self,
        buf: &[u8],
        ctx: &TaskContext,
    ) -> datafusion::error::Result<Arc<dyn FileFormatFactory>> {
        self.inner.try_decode_file_format(buf, ctx)
    }

    fn try_encode_file_format(
        &self,
        buf: &mut Vec<u8>,
        node: Arc<dyn FileFormatFactory>,
    ) -> datafusion::error::Result<()> {
        self.inner.try_encode_file_format(buf, node)
    }

    fn try_decode_udf(&self, name: &str, buf: &[u8]) -> datafusion::error::Result<Arc<ScalarUDF>> {
        self.inner.try_decode_udf(name, buf)
    }

    fn try_encode_udf(&self, node: &ScalarUDF, buf: &mut Vec<u8>) -> datafusion::error::Result<()> {
        self.inner.try_encode_udf(node, buf)
    }

    fn try_decode_udaf(&self, name: &str, buf: &[u8]) -> datafusion::error::Result<Arc<AggregateUDF>> {
        self.inner.try_decode_udaf(name, buf)
    }

    fn try_encode_udaf(&self, node: &AggregateUDF, buf: &mut Vec<u8>) -> datafusion::error::Result<()> {
        self.inner.try_encode_udaf(node, buf)
    }

    fn try_decode_udwf(&self, name: &str, buf: &[u8]) -> datafusion::error::Result<Arc<WindowUDF>> {
        self.inner.try_decode_udwf(name, buf)
    }

    fn try_encode_udwf(&self, node: &WindowUDF, buf: &mut Vec<u8>) -> datafusion::error::Result<()> {
        self.inner.try_encode_udwf(node, buf)
    }
}

fn ballista(what: &str, e: impl fmt::Display) -> AnalyticsError {
    AnalyticsError::Cluster(format!("{what}: {e}"))
}

/// How a scheduler runs (`entente cluster scheduler`).
#[derive(Debug, Clone)]
pub struct SchedulerOptions {
    /// Address to listen on; port 0 takes a free one (the `ready` callback gets it).
    pub bind: SocketAddr,
    /// An executor silent this long is taken for dead and its tasks run elsewhere (busy
    /// executors report every 5 s, so keep it well above that).
    pub executor_timeout: Duration,
}

/// Runs a scheduler until the process ends. `ready` is called with the address it listens
/// on, once it accepts executors and clients.
pub fn run_scheduler(options: &SchedulerOptions, ready: impl FnOnce(SocketAddr)) -> Result<(), AnalyticsError> {
    crate::runtime()?.block_on(async {
        let listener = tokio::net::TcpListener::bind(options.bind)
            .await
            .map_err(|e| ballista(&format!("cannot listen on {}", options.bind), e))?;
        let address = listener.local_addr()?;
        let timeout = options.executor_timeout.as_secs().max(1);
        let mut config = SchedulerConfig::default()
            .with_hostname(address.ip().to_string())
            .with_port(address.port())
            .with_no_executors_grace_period_seconds(timeout)
            // A stage's tasks spread over the executors rather than fill the first one.
            .with_task_distribution(TaskDistributionPolicy::RoundRobin)
            // Executors ask for work (and so say they are alive) at least every 5 s. With
            // Ballista 55's push policy, a job whose executor died waited without end.
            .with_scheduler_policy(TaskSchedulingPolicy::PullStaged);
        config.bind_host = address.ip().to_string();
        config.executor_timeout_seconds = timeout;
        // Checked a few times per timeout, so a dead executor is noticed soon after it.
        config.expire_dead_executor_interval_seconds = (timeout / 3).clamp(1, 15);
        config.override_logical_codec = Some(Arc::new(Codec::default()));
        let cluster = BallistaCluster::new_from_config(&config).await.map_err(|e| ballista("cannot start", e))?;
        let scheduler = create_scheduler::<LogicalPlanNode, PhysicalPlanNode>(cluster, Arc::new(config))
            .await
            .map_err(|e| ballista("cannot start the scheduler", e))?;
        ready(address);
        start_grpc_service_with_listener(listener, scheduler).await.map_err(|e| ballista("the scheduler stopped", e))
    })
}

/// How an executor runs (`entente cluster executor`).
#[derive(Debug, Clone)]
pub struct ExecutorOptions {
    /// Address of its Arrow Flight service (results and shuffles are fetched there).
    pub bind: SocketAddr,
    /// The scheduler's host and port.
    pub scheduler: (String, u16),
    /// Tasks it runs at once; 0 for the machine's cores.
    pub slots: usize,
    /// Where it keeps shuffle files [default: a folder under the system's temporary one].
    pub work_dir: Option<PathBuf>,
    /// How long it waits for the scheduler to answer before giving up.
    pub wait: Duration,
}

/// Runs an executor until the process ends (Ctrl-C or SIGTERM stop it gracefully).
pub fn run_executor(options: &ExecutorOptions) -> Result<(), AnalyticsError> {
    // Without a folder given, shuffle files go to a temporary one, removed when the executor
    // stops (a killed process leaves it behind).
    let temporary;
    let work_dir = match &options.work_dir {
        Some(d) => {
            std::fs::create_dir_all(d)
                .map_err(|e| ballista(&format!("cannot create the work folder {}", d.display()), e))?;
            d.clone()
        }
        None => {
            temporary = tempfile::Builder::new()
                .prefix("entente-executor-")
                .tempdir()
                .map_err(|e| ballista("cannot create a temporary work folder", e))?;
            temporary.path().to_path_buf()
        }
    };
    let (host, port) = options.scheduler.clone();
    crate::runtime()?.block_on(async {
        // Ballista tries the scheduler once; a scheduler still starting is waited for here.
        let started = std::time::Instant::now();
        while let Err(e) = reachable(&host, port).await {
            if started.elapsed() >= options.wait {
                return Err(e);
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        let ip = options.bind.ip();
        let config = ExecutorProcessConfig {
            bind_host: ip.to_string(),
            // An executor bound to every interface lets the scheduler see its address.
            external_host: (!ip.is_unspecified()).then(|| ip.to_string()),
            port: options.bind.port(),
            scheduler_host: host.clone(),
            scheduler_port: port,
            vcores: options.slots,
            work_dir: Some(work_dir.to_string_lossy().into_owned()),
            print_thread_info: false,
            task_scheduling_policy: TaskSchedulingPolicy::PullStaged,
            override_logical_codec: Some(Arc::new(Codec::default())),
            ..ExecutorProcessConfig::default()
        };
        start_executor_process(Arc::new(config)).await.map_err(|e| ballista("the executor stopped", e))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engines_parse_and_print_back() {
        assert_eq!("local".parse::<Backend>().expect("local"), Backend::Local);
        let b: Backend = "ballista://127.0.0.1:50050".parse().expect("ballista");
        assert_eq!(b, Backend::Ballista { host: "127.0.0.1".into(), port: 50050 });
        assert_eq!(b.to_string(), "ballista://127.0.0.1:50050");
        let v6: Backend = "ballista://[::1]:7000/".parse().expect("ipv6");
        assert_eq!(v6, Backend::Ballista { host: "::1".into(), port: 7000 });
        assert_eq!(v6.to_string(), "ballista://[::1]:7000");
        let default_port: Backend = "ballista://scheduler.example".parse().expect("no port");
        assert_eq!(default_port, Backend::Ballista { host: "scheduler.example".into(), port: DEFAULT_SCHEDULER_PORT });
        for bad in
            ["", "remote", "ballista://", "ballista://h:0", "ballista://h:port", "http://h:1", "ballista://h/x:1"]
        {
            let e = bad.parse::<Backend>().unwrap_err().to_string();
            assert!(e.contains("ballista://HOST:PORT"), "{bad}: {e}");
        }
    }

    #[test]
    fn an_unreachable_scheduler_is_a_clear_error() {
        // A port just freed is closed: the connection is refused at once.
        let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("free port").port();
        let runtime = crate::runtime().expect("runtime");
        let e = runtime
            .block_on(session("127.0.0.1", port, SessionConfig::new(), Arc::new(RuntimeEnv::default())))
            .err()
            .expect("no scheduler there");
        let text = e.to_string();
        assert!(text.contains(&format!("cannot reach the Ballista scheduler at 127.0.0.1:{port}")), "{text}");
    }
}
