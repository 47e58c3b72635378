<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
<name>checkpoint_desk</name>
<message><source>Station passphrase: </source><translation>站点口令：</translation></message>
<message><source>Type it again: </source><translation>再输入一次：</translation></message>
<message><source>The two passphrases differ; nothing was changed.</source><translation>两次输入的口令不一致；未做任何更改。</translation></message>
<message><source>PIN of {name}: </source><translation>{name} 的 PIN：</translation></message>
<message><source>The PIN is not valid UTF-8 text.</source><translation>PIN 不是有效的 UTF-8 文本。</translation></message>
<message><source>Nothing was typed: set {env}, or run in a terminal to be asked.</source><translation>未输入任何内容：请设置 {env}，或在终端中运行以便提示输入。</translation></message>
<message><source>A new station needs a passphrase (set {env} or type it at the prompt).</source><translation>新站点需要设置口令（设置 {env} 或在提示时输入）。</translation></message>
<message><source>Upgrading {path} seals its ID numbers and phones: enter the station passphrase.</source><translation>升级 {path} 会加密其中的证件号和手机号：请输入站点口令。</translation></message>
<message><source>A migration left a broken reference in table {table}.</source><translation>数据库迁移在表 {table} 中留下了无效引用。</translation></message>
<message><source>Upgrading this database seals its ID numbers: enter the station passphrase.</source><translation>升级此数据库会加密其中的证件号：请输入站点口令。</translation></message>
<message><source>A stored {column} does not decrypt with this station's key (damaged, or from another station).</source><translation>已存储的 {column} 无法用本站密钥解密（已损坏，或来自其他站点）。</translation></message>
<message><source>{path} already exists; nothing was changed.</source><translation>{path} 已存在；未做任何更改。</translation></message>
<message><source>The station's key file {path} is missing: restore it from a backup of keys/.</source><translation>站点密钥文件 {path} 缺失：请从 keys/ 的备份中恢复。</translation></message>
<message><source>The station's key file {path} is damaged: {reason}</source><translation>站点密钥文件 {path} 已损坏：{reason}</translation></message>
<message><source>Wrong passphrase for this station; nothing was changed.</source><translation>站点口令错误；未做任何更改。</translation></message>
<message><source>The station is locked: enter the passphrase.</source><translation>站点已锁定：请输入口令。</translation></message>
<message><source>The passphrase is not valid UTF-8 text.</source><translation>口令不是有效的 UTF-8 文本。</translation></message>
<message><source>The passphrase is empty.</source><translation>口令为空。</translation></message>
<message><source>The passphrase is too long (at most {limit} bytes).</source><translation>口令过长（最多 {limit} 字节）。</translation></message>
<message><source>{act} needs --supervisor NAME (and their PIN).</source><translation>{act} 需要 --supervisor 姓名（以及其 PIN）。</translation></message>
<message><source>No such person.</source><translation>没有此人。</translation></message>
<message><source>Only a supervisor can approve this.</source><translation>只有值班负责人可以批准此操作。</translation></message>
<message><source>No operator named {name}.</source><translation>没有名为 {name} 的操作员。</translation></message>
<message><source>A supervisor's PIN is needed for this.</source><translation>此操作需要值班负责人的 PIN。</translation></message>
<message><source>The supervisor's approval has expired: enter the PIN again.</source><translation>值班负责人的批准已过期：请重新输入 PIN。</translation></message>
<message><source>{field} cannot be edited.</source><translation>{field} 不可修改。</translation></message>
<message><source>passengers must be 0 to 99.</source><translation>同行人数须为 0 到 99。</translation></message>
<message><source>{field}: choose one of {choices}.</source><translation>{field}：请从 {choices} 中选择。</translation></message>
<message><source>Audit trail intact: {entries} entries.</source><translation>审计记录完整：共 {entries} 条。</translation></message>
<message><source>The audit trail is broken at entry {seq}: it was changed after it was written.</source><translation>审计记录在第 {seq} 条处断开：该条在写入后被改动过。</translation></message>
<message><source>{purged} visits older than {days} days purged; daily counts kept.</source><translation>已清除 {days} 天前的 {purged} 条登记；每日统计已保留。</translation></message>
<message><source>{held} old visits are not synced yet and were kept: sync, then purge again.</source><translation>有 {held} 条旧登记尚未同步，已保留：请先同步，再清除。</translation></message>
<message><source>The retention period must be at least one day.</source><translation>保留期限至少为一天。</translation></message>
<message><source>Choose the station passphrase (it seals ID numbers and phones):</source><translation>请设置站点口令（用于加密身份证号和手机号）：</translation></message>
<message><source>Station passphrase:</source><translation>站点口令：</translation></message>
<message><source>Unlock the station</source><translation>解锁站点</translation></message>
<message><source>{count} synced visits past the retention period were removed.</source><translation>已删除 {count} 条超过保留期限且已同步的登记。</translation></message>
<message><source>One visit past the retention period is not synced: sync soon, it is kept until then.</source><translation>有 1 条超过保留期限的登记尚未同步：请尽快同步，在此之前它会被保留。</translation></message>
<message><source>{count} visits past the retention period are not synced: sync soon, they are kept until then.</source><translation>有 {count} 条超过保留期限的登记尚未同步：请尽快同步，在此之前它们会被保留。</translation></message>
<message><source>Show full numbers</source><translation>显示完整号码</translation></message>
<message><source>A supervisor's PIN is needed to show full numbers.</source><translation>显示完整号码需要值班负责人的 PIN。</translation></message>
<message><source>ID number: {id_number} · Phone: {phone}</source><translation>身份证号：{id_number} · 联系电话：{phone}</translation></message>
</context>
<context>
<name>checkpoint_desk</name>
<!-- issue 14: keyed ID hashes, the sealed station key, long passes -->
<message><source>A pass longer than {days} days needs a supervisor's PIN.</source><translation>有效期超过 {days} 天的通行证需要主管输入 PIN。</translation></message>
<message><source>A pass longer than {days} days needs --supervisor NAME (and their PIN).</source><translation>有效期超过 {days} 天的通行证需要 --supervisor 姓名（及其 PIN）。</translation></message>
<message><source>Longest pass a volunteer may issue, in days (longer needs a supervisor)</source><translation>志愿者可签发的通行证最长天数（更长需主管批准）</translation></message>
<message><source>This station has no signing key in {path}: restore keys/ from a backup.</source><translation>本站在 {path} 中没有签名密钥：请从备份中恢复 keys/。</translation></message>
<message><source>A deny list of unkeyed hashes (id_hashes) gives the ID numbers away; publish the numbers as id_numbers and the hub keys them.</source><translation>未加密钥的哈希（id_hashes）名单会泄露证件号；请以 id_numbers 发布证件号，由中心用密钥处理。</translation></message>
<message><source>Upgrading this database keys its deny list: enter the station passphrase.</source><translation>升级此数据库需用密钥重新处理禁止名单：请输入站点口令。</translation></message>
</context>
</TS>
