<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- zh_CN for the evidence area: audit chain and anchors, the clock guard, storage faults and db restore. -->
<TS version="2.1" language="zh_CN">
<context>
<name>evidence</name>
<message><source>the database file is empty (0 bytes)</source><translation>数据库文件是空的（0 字节）</translation></message>
<message><source>Restored {backup}</source><translation>已恢复 {backup}</translation></message>
<message><source>The replaced database is kept as {path}</source><translation>被替换的数据库保留为 {path}</translation></message>
<message><source>The disk is full ({path}): free some space, then try again.</source><translation>磁盘已满（{path}）：请腾出空间后重试。</translation></message>
<message><source>Cannot write to {path}: {reason}. Make the data directory writable.</source><translation>无法写入 {path}：{reason}。请让数据目录可写。</translation></message>
<message><source>The disk is full ({reason}): free some space, then try again.</source><translation>磁盘已满（{reason}）：请腾出空间后重试。</translation></message>
<message><source>The database cannot be written ({reason}): make the data directory writable.</source><translation>数据库无法写入（{reason}）：请让数据目录可写。</translation></message>
<message><source>The database is damaged ({reason}). Run: checkpoint-desk db check, then checkpoint-desk db restore</source><translation>数据库已损坏（{reason}）。请运行：checkpoint-desk db check，然后运行 checkpoint-desk db restore</translation></message>
<message><source>{day} is out of range: give a day from {first} to {last}.</source><translation>{day} 超出范围：请给出 {first} 至 {last} 之间的日期。</translation></message>
<message><source>The database fails its integrity check ({reason}): no backup was made and the older backups are kept. Run: checkpoint-desk db restore</source><translation>数据库未通过完整性检查（{reason}）：未做备份，原有备份均保留。请运行：checkpoint-desk db restore</translation></message>
<message><source>The database is damaged ({reason}): no backup was made and the older backups are kept. Run: checkpoint-desk db restore</source><translation>数据库已损坏（{reason}）：未做备份，原有备份均保留。请运行：checkpoint-desk db restore</translation></message>
<message><source>Cannot restore into {path}: {reason}</source><translation>无法恢复到 {path}：{reason}</translation></message>
<message><source>No good backup in {path}. Keep the damaged database for a specialist; to start over, move it away and run: checkpoint-desk init</source><translation>{path} 中没有完好的备份。请保留损坏的数据库交专业人员处理；如要重新开始，请将其移走后运行：checkpoint-desk init</translation></message>
<message><source>The backup {path} fails its check ({problems}); nothing was changed.</source><translation>备份 {path} 未通过检查（{problems}）；未做任何更改。</translation></message>
<message><source>The database {path} passes its check: restoring would drop every record made since the backup. Add --replace-good to restore anyway.</source><translation>数据库 {path} 检查正常：恢复会丢失备份之后的全部记录。如仍要恢复，请加上 --replace-good。</translation></message>
<message><source>The database {path} is empty (0 bytes): its records are lost. Run: checkpoint-desk db restore (or move the file away to start over).</source><translation>数据库 {path} 是空的（0 字节）：其中的记录已丢失。请运行：checkpoint-desk db restore（或将该文件移走后重新开始）。</translation></message>
<message><source>The database {path} is empty (0 bytes): its records are lost. Run: checkpoint-desk db restore</source><translation>数据库 {path} 是空的（0 字节）：其中的记录已丢失。请运行：checkpoint-desk db restore</translation></message>
<message><source>{path} is not a Checkpoint Desk database (damaged or another file). Run: checkpoint-desk db restore</source><translation>{path} 不是卡点登记台数据库（已损坏或是其他文件）。请运行：checkpoint-desk db restore</translation></message>
<message><source>Upgrading this database keys its audit trail: enter the station passphrase.</source><translation>升级此数据库需要为审计记录加密钥：请输入站点口令。</translation></message>
<message><source>Upgrading {path} keys its audit trail: enter the station passphrase.</source><translation>升级 {path} 需要为审计记录加密钥：请输入站点口令。</translation></message>
<message><source>The hub holds a later audit head (entry {seq}) than this desk: entries were removed here. Run: checkpoint-desk audit verify</source><translation>总站保存的审计记录比本台更新（到第 {seq} 条）：本台有记录被删除。请运行：checkpoint-desk audit verify</translation></message>
<message><source>The audit trail is broken at entry {seq}: it was changed, removed or forged after it was written.</source><translation>审计记录在第 {seq} 条处断开：该条在写入后被修改、删除或伪造。</translation></message>
<message><source>The audit trail ends before entry {seq}, which a signed anchor covered: its last entries were deleted.</source><translation>审计记录在第 {seq} 条之前就结束了，而签名锚点覆盖到该条：最后几条记录已被删除。</translation></message>
<message><source>The audit trail was rewritten: entry {seq} is not the one a signed anchor covered.</source><translation>审计记录被改写：第 {seq} 条不是签名锚点所覆盖的那一条。</translation></message>
<message><source>An anchor of the audit trail (at entry {seq}) is not signed by this station's key.</source><translation>审计记录的一个锚点（第 {seq} 条）不是本站密钥签名的。</translation></message>
<message><source>Audit entry {seq} is dated before the previous one and the desk never noticed its clock going back.</source><translation>第 {seq} 条审计记录的时间早于上一条，而登记台并未察觉时钟倒退。</translation></message>
<message><source>Signed up to entry {seq}.</source><translation>已签名至第 {seq} 条。</translation></message>
<message><source>The clock went back at entries {seqs}.</source><translation>时钟在第 {seqs} 条处倒退过。</translation></message>
<message><source>The desk's clock is behind: set the right time</source><translation>登记台时钟落后：请校正时间</translation></message>
<message><source>The hub's audit key {path} cannot be read: {reason}</source><translation>无法读取总站的审计密钥 {path}：{reason}</translation></message>
<message><source>The hub's audit trail does not hold at entry {seq} ({problem}).</source><translation>总站的审计记录在第 {seq} 条处不成立（{problem}）。</translation></message>
<message><source>Hub audit trail intact: {entries} entries.</source><translation>总站审计记录完好：共 {entries} 条。</translation></message>
<message><source>The hub was not asked: {reason}</source><translation>未能向总站核对：{reason}</translation></message>
</context>
</TS>
