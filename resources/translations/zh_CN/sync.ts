<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
<name>checkpoint_desk</name>
<message><source>Give both --hub URL and --token TOKEN the first time.</source><translation>第一次请同时提供 --hub 地址 和 --token 令牌。</translation></message>
<message><source>Pushed {pushed}, acknowledged {acknowledged}, refused {rejected}, still waiting {waiting}; reference data updated: {pulled}</source><translation>已上传 {pushed} 条，汇总端确认 {acknowledged} 条，拒收 {rejected} 条，仍待同步 {waiting} 条；已更新的参考数据：{pulled}</translation></message>
<message><source>Bundle written to {path}: {visits} visits</source><translation>同步包已写入 {path}：{visits} 条登记</translation></message>
<message><source>Receipt applied: {marked} records marked synced, {rejected} refused by the hub</source><translation>回执已导入：{marked} 条记录标记为已同步，汇总端拒收 {rejected} 条</translation></message>
<message><source>The bundle's header and content name different stations.</source><translation>同步包的包头与内容属于不同的卡点。</translation></message>
<message><source>Cannot read {path}: {reason}</source><translation>无法读取 {path}：{reason}</translation></message>
<message><source>The bundle comes from a station this hub does not know ({name}).</source><translation>该同步包来自本汇总端不认识的卡点（{name}）。</translation></message>
<message><source>The hub has no key for station {name}: it must sync once over the network, or be added with --station-id and --public-key.</source><translation>汇总端没有卡点 {name} 的公钥：该卡点需先联网同步一次，或用 --station-id 和 --public-key 添加。</translation></message>
<message><source>The bundle was signed with a key that is not station {name}'s.</source><translation>该同步包的签名密钥不属于卡点 {name}。</translation></message>
<message><source>Not a station id: {value}</source><translation>不是有效的卡点编号：{value}</translation></message>
<message><source>Cannot read {path}.</source><translation>无法读取 {path}。</translation></message>
<message><source>Station {name} added. Its token (shown only now):</source><translation>已添加卡点 {name}。其令牌如下（仅显示这一次）：</translation></message>
<message><source>Bundle from {name}: {accepted} records taken, {rejected} refused; receipt: {path}</source><translation>来自 {name} 的同步包：接收 {accepted} 条记录，拒收 {rejected} 条；回执：{path}</translation></message>
<message><source>Published {kind} version {version}</source><translation>已发布 {kind} 第 {version} 版</translation></message>
<message><source>The hub has no {kind} data yet.</source><translation>汇总端还没有 {kind} 数据。</translation></message>
<message><source>Cannot open the hub database: {reason}</source><translation>无法打开汇总端数据库：{reason}</translation></message>
<message><source>Not a database URL: {url}</source><translation>不是有效的数据库地址：{url}</translation></message>
<message><source>The hub needs a sqlite:// or postgresql+psycopg:// URL, not {url}</source><translation>汇总端需要 sqlite:// 或 postgresql+psycopg:// 地址，而不是 {url}</translation></message>
<message><source>Unknown kind of reference data: {kind} (one of {kinds})</source><translation>未知的参考数据类型：{kind}（可选：{kinds}）</translation></message>
<message><source>The {kind} data is not valid: {reason}</source><translation>{kind} 数据无效：{reason}</translation></message>
<message><source>A station named {name} is already registered.</source><translation>名为 {name} 的卡点已登记。</translation></message>
<message><source>Another token is already registered for this station.</source><translation>该卡点已登记了另一个令牌。</translation></message>
<message><source>This token belongs to another station.</source><translation>该令牌属于另一个卡点。</translation></message>
<message><source>The station's public key differs from the one the hub registered.</source><translation>该卡点的公钥与汇总端登记的不一致。</translation></message>
<message><source>Not a PEM public key.</source><translation>不是 PEM 格式的公钥。</translation></message>
<message><source>The station key must be an Ed25519 key.</source><translation>卡点密钥必须是 Ed25519 密钥。</translation></message>
<message><source>Cannot save the hub token in {path}: {reason}</source><translation>无法将汇总端令牌保存到 {path}：{reason}</translation></message>
<message><source>Cannot read the hub token in {path}: {reason}</source><translation>无法读取 {path} 中的汇总端令牌：{reason}</translation></message>
<message><source>No hub set up yet. Run: checkpoint-desk sync --hub URL --token TOKEN</source><translation>尚未设置汇总端。请运行：checkpoint-desk sync --hub 地址 --token 令牌</translation></message>
<message><source>This station has no signing key in {path}; bundles cannot be signed.</source><translation>本卡点在 {path} 中没有签名密钥，无法为同步包签名。</translation></message>
<message><source>Cannot write {path}: {reason}</source><translation>无法写入 {path}：{reason}</translation></message>
<message><source>The receipt {path} is for another station.</source><translation>回执 {path} 属于另一个卡点。</translation></message>
<message><source>This is not a Checkpoint Desk bundle file.</source><translation>这不是卡点登记台的同步包文件。</translation></message>
<message><source>The bundle file is damaged (no header).</source><translation>同步包文件已损坏（缺少包头）。</translation></message>
<message><source>The bundle file is damaged (bad header).</source><translation>同步包文件已损坏（包头无效）。</translation></message>
<message><source>The bundle file is damaged (bad signature).</source><translation>同步包文件已损坏（签名无效）。</translation></message>
<message><source>The station's registered key is not an Ed25519 key.</source><translation>该卡点登记的密钥不是 Ed25519 密钥。</translation></message>
<message><source>The bundle's signature does not match its content: it was changed or damaged.</source><translation>同步包的签名与内容不符：文件被改动或已损坏。</translation></message>
<message><source>The bundle is too large to import.</source><translation>同步包太大，无法导入。</translation></message>
<message><source>The bundle file is damaged (bad payload).</source><translation>同步包文件已损坏（内容无效）。</translation></message>
<message><source>Cannot read the receipt {path}.</source><translation>无法读取回执 {path}。</translation></message>
<message><source>The receipt {path} was changed or damaged.</source><translation>回执 {path} 被改动或已损坏。</translation></message>
<message><source>{path} is not a bundle receipt.</source><translation>{path} 不是同步包回执。</translation></message>
<message><source>The hub does not accept this station's token. Ask the office for a new one.</source><translation>汇总端不接受本卡点的令牌。请向社区办公室索取新令牌。</translation></message>
<message><source>The hub at {url} has a problem (HTTP {status}); trying again later.</source><translation>汇总端 {url} 出现问题（HTTP {status}）；稍后重试。</translation></message>
<message><source>The hub refused the request: {reason}</source><translation>汇总端拒绝了请求：{reason}</translation></message>
<message><source>{url} does not look like a Checkpoint hub.</source><translation>{url} 看起来不是卡点汇总端。</translation></message>
<message><source>The hub sent an answer this desk cannot read.</source><translation>汇总端的回复无法识别。</translation></message>
<message><source>Cannot reach the hub at {url}: {reason}</source><translation>无法连接汇总端 {url}：{reason}</translation></message>
<message><source>The hub sent {kind} data this desk cannot read; kept the old one.</source><translation>汇总端发来的 {kind} 数据无法识别，继续使用旧数据。</translation></message>
<message><source>Sync failed unexpectedly: {reason}</source><translation>同步意外失败：{reason}</translation></message>
<message><source>All stations</source><translation>全部卡点</translation></message>
<message><source>The hub exports csv or xlsx, not {format}.</source><translation>汇总端只能导出 csv 或 xlsx，不能导出 {format}。</translation></message>
<message><source>Not a day: {value} (use YYYY-MM-DD)</source><translation>不是有效日期：{value}（格式为 YYYY-MM-DD）</translation></message>
<message><source>Ledger of {rows} visits written to {path}</source><translation>已将 {rows} 条登记的台账写入 {path}</translation></message>
<message><source>No station named {name}.</source><translation>没有名为 {name} 的卡点。</translation></message>
<message><source>New token for {name} (shown only now; the old one no longer works):</source><translation>{name} 的新令牌如下（仅显示这一次；旧令牌立即失效）：</translation></message>
<message><source>A bare token is no longer enough: use --enrol CODE from the office.</source><translation>仅有令牌已不够：请使用社区办公室给的 --enrol 登记码。</translation></message>
<message><source>Changing the hub needs both --hub URL and --enrol CODE.</source><translation>更换数据中心需要同时给出 --hub 地址和 --enrol 登记码。</translation></message>
<message><source>Enrolled for USB bundles.</source><translation>已登记，可用 U 盘数据包同步。</translation></message>
<message><source>The bundle is sealed for another hub, or it was changed or damaged.</source><translation>该数据包是加密给另一个数据中心的，或已被改动、损坏。</translation></message>
<message><source>Station {name} added. The hub's fingerprint is {fingerprint}. At the desk, a supervisor runs: checkpoint-desk sync --hub URL --enrol CODE. Its enrolment code (shown only now):</source><translation>已添加卡点 {name}。数据中心指纹为 {fingerprint}。请负责人在卡点运行：checkpoint-desk sync --hub 地址 --enrol 登记码。登记码如下（仅显示这一次）：</translation></message>
<message><source>New enrolment code for {name} (shown only now; the old token no longer works):</source><translation>{name} 的新登记码如下（仅显示这一次；旧令牌立即失效）：</translation></message>
<message><source>Cannot read or create the hub's keys in {path}: {reason}</source><translation>无法读取或创建 {path} 中的数据中心密钥：{reason}</translation></message>
<message><source>The hub's keys in {path} are of the wrong kind.</source><translation>{path} 中的数据中心密钥类型不对。</translation></message>
<message><source>Refused: {url} is plain http:// to another machine. Use https://, or the office must allow plain http in the settings.</source><translation>已拒绝：{url} 是通往另一台机器的明文 http://。请使用 https://，或由社区办公室在设置中允许明文 http。</translation></message>
<message><source>No hub set up yet. Run: checkpoint-desk sync --hub URL --enrol CODE</source><translation>尚未设置数据中心。请运行：checkpoint-desk sync --hub 地址 --enrol 登记码</translation></message>
<message><source>Not a hub address: {url}</source><translation>不是数据中心地址：{url}</translation></message>
<message><source>Allow plain http:// to a hub on another machine (the office's decision)</source><translation>允许以明文 http:// 连接另一台机器上的数据中心（由社区办公室决定）</translation></message>
<message><source>This bundle is of the old, unsealed kind: write a new one at the desk.</source><translation>这是旧式未加密的数据包：请在卡点重新导出。</translation></message>
<message><source>This desk has not enrolled with its hub yet. Run: checkpoint-desk sync --hub URL --enrol CODE (the code from checkpoint-hub add-station)</source><translation>本卡点尚未在数据中心登记。请运行：checkpoint-desk sync --hub 地址 --enrol 登记码（登记码来自 checkpoint-hub add-station）</translation></message>
<message><source>This is not an enrolment code from checkpoint-hub add-station.</source><translation>这不是 checkpoint-hub add-station 给出的登记码。</translation></message>
<message><source>Cannot save the hub's keys in {path}: {reason}</source><translation>无法在 {path} 保存数据中心密钥：{reason}</translation></message>
<message><source>The hub's keys in {path} are damaged.</source><translation>{path} 中的数据中心密钥已损坏。</translation></message>
<message><source>The answer is not signed by this station's hub (fingerprint {fingerprint}): nothing was marked synced.</source><translation>该答复不是本卡点的数据中心（指纹 {fingerprint}）签名的：没有任何记录被标为已同步。</translation></message>
<message><source>The data is not sealed for this hub.</source><translation>该数据不是加密给本数据中心的。</translation></message>
<message><source>The sealed data is not for this hub, or it was changed or damaged.</source><translation>该加密数据不是给本数据中心的，或已被改动、损坏。</translation></message>
<message><source>The hub's reference data is not signed by this station's hub.</source><translation>该参考数据不是本卡点的数据中心签名的。</translation></message>
</context>
</TS>
