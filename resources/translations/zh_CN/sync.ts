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
</context>
</TS>
