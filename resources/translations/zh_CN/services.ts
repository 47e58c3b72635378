<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- zh_CN for the services, import-visits, db and operator commands. -->
<TS version="2.1" language="zh_CN">
<context>
<name>checkpoint_desk</name>
<message><source>the database file is missing</source><translation>数据库文件不存在</translation></message>
<message><source>the file is not an SQLite database</source><translation>该文件不是 SQLite 数据库</translation></message>
<message><source>the integrity check found damage</source><translation>完整性检查发现损坏</translation></message>
<message><source>the schema is newer than this program, or missing</source><translation>数据库结构比本程序新，或缺失</translation></message>
<message><source>the database cannot be read</source><translation>无法读取数据库</translation></message>
<message><source>Database: {path}</source><translation>数据库：{path}</translation></message>
<message><source>Integrity: {result}</source><translation>完整性：{result}</translation></message>
<message><source>Schema: {schema} (this program: {head})</source><translation>结构版本：{schema}（本程序：{head}）</translation></message>
<message><source>Database check failed: {problems}</source><translation>数据库检查未通过：{problems}</translation></message>
<message><source>{refused} of {total} rows refused; {taken} imported.</source><translation>{total} 行中有 {refused} 行被拒绝；已导入 {taken} 行。</translation></message>
<message><source>No PIN given: set {env} or run in a terminal.</source><translation>未提供 PIN：请设置 {env}，或在终端中运行。</translation></message>
<message><source>PIN (4–12 digits): </source><translation>PIN（4–12 位数字）：</translation></message>
<message><source>PIN again: </source><translation>再次输入 PIN：</translation></message>
<message><source>The two PINs differ.</source><translation>两次输入的 PIN 不一致。</translation></message>
<message><source>Operator {name} ({role}) added.</source><translation>已添加值班人员 {name}（{role}）。</translation></message>
<message><source>Cannot write backups to {path}: {reason}</source><translation>无法写入备份目录 {path}：{reason}</translation></message>
<message><source>The backup to {path} failed: {reason}</source><translation>备份到 {path} 失败：{reason}</translation></message>
<message><source>Only a database file can be backed up.</source><translation>只能备份数据库文件。</translation></message>
<message><source>Enter a name, an ID number or a phone number.</source><translation>请填写姓名、身份证号或电话号码。</translation></message>
<message><source>{value!r} is not one of: {allowed}.</source><translation>{value!r} 不是以下之一：{allowed}。</translation></message>
<message><source>Passengers must be a whole number from 0 to {maximum}.</source><translation>同行人数必须是 0 到 {maximum} 的整数。</translation></message>
<message><source>At most {maximum} characters.</source><translation>最多 {maximum} 个字符。</translation></message>
<message><source>{path} is not UTF-8 text: save it as UTF-8 and try again.</source><translation>{path} 不是 UTF-8 文本：请另存为 UTF-8 后重试。</translation></message>
<message><source>Unknown columns: {columns}. Allowed: {allowed}.</source><translation>未知的列：{columns}。允许的列：{allowed}。</translation></message>
<message><source>More values than columns.</source><translation>值的个数多于列数。</translation></message>
<message><source>Not a JSON object.</source><translation>不是 JSON 对象。</translation></message>
<message><source>Unknown fields: {fields}.</source><translation>未知的字段：{fields}。</translation></message>
<message><source>passengers must be a whole number.</source><translation>passengers（同行人数）必须是整数。</translation></message>
<message><source>travel_risk must be true or false.</source><translation>travel_risk（行程风险）必须是 true 或 false。</translation></message>
<message><source>time is missing (ISO 8601, e.g. 2026-11-28T08:30).</source><translation>缺少 time（ISO 8601 格式，如 2026-11-28T08:30）。</translation></message>
<message><source>time {value} is not ISO 8601 (2026-11-28T08:30).</source><translation>time {value} 不是 ISO 8601 格式（2026-11-28T08:30）。</translation></message>
<message><source>nat_at {value} is not a date (2026-11-27).</source><translation>nat_at {value} 不是日期（2026-11-27）。</translation></message>
<message><source>Import a .csv or a .jsonl file.</source><translation>请导入 .csv 或 .jsonl 文件。</translation></message>
<message><source>Cannot read {path}: {reason}</source><translation>无法读取 {path}：{reason}</translation></message>
<message><source>There is already an operator named {name}.</source><translation>已有名为 {name} 的值班人员。</translation></message>
<message><source>Unknown operator.</source><translation>未知的值班人员。</translation></message>
<message><source>Too many wrong PINs: try again in {seconds} s.</source><translation>PIN 错误次数过多：请在 {seconds} 秒后重试。</translation></message>
<message><source>Wrong PIN. Too many wrong PINs: try again in {seconds} s.</source><translation>PIN 错误。错误次数过多：请在 {seconds} 秒后重试。</translation></message>
<message><source>Wrong PIN.</source><translation>PIN 错误。</translation></message>
<message><source>The PIN must be {minimum} to {maximum} digits.</source><translation>PIN 必须是 {minimum} 到 {maximum} 位数字。</translation></message>
<message><source>The operator needs a name.</source><translation>值班人员必须有姓名。</translation></message>
<message><source>The role must be volunteer or supervisor.</source><translation>角色必须是 volunteer（志愿者）或 supervisor（负责人）。</translation></message>
<message><source>{operator}'s shift (since {since}) is still open: hand over or take it over.</source><translation>{operator} 的班次（自 {since} 起）尚未结束：请先交班，或接管该班次。</translation></message>
<message><source>No such shift.</source><translation>没有这个班次。</translation></message>
<message><source>This shift is already closed.</source><translation>该班次已经结束。</translation></message>
<message><source>No such visit.</source><translation>没有这条登记记录。</translation></message>
<message><source>This visitor was not stopped.</source><translation>该人员未被拦截。</translation></message>
<message><source>Enter the temperature measured again.</source><translation>请填写复测体温。</translation></message>
<message><source>Only a supervisor can allow a stopped visitor.</source><translation>只有负责人才能放行被拦截的人员。</translation></message>
<message><source>The database could not be written: {reason}. Nothing was saved.</source><translation>无法写入数据库：{reason}。本次内容未保存。</translation></message>
<message><source>Only a stopped visit has a disposition.</source><translation>只有被拦截的登记才有处理方式。</translation></message>
<message><source>This visit has no person on file to correct.</source><translation>这条登记没有可更正的人员信息。</translation></message>
<message><source>A name cannot be empty.</source><translation>姓名不能为空。</translation></message>
<message><source>The disk is full: no backup was made in {path}. Free some space.</source><translation>磁盘已满：未能在 {path} 中备份。请清理空间。</translation></message>
<message><source>Closing the shift…</source><translation>正在交班…</translation></message>
<message><source>Backing up the database…</source><translation>正在备份数据库…</translation></message>
<message><source>Removing visits past the retention period…</source><translation>正在删除超过保存期限的登记…</translation></message>
<message><source>Writing the shift ledger ({format})…</source><translation>正在生成本班台账（{format}）…</translation></message>
</context>
</TS>
