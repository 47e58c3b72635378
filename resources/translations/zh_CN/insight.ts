<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- zh_CN for who is inside, who was here with whom, the lane's pace (issue 16, desk). -->
<TS version="2.1" language="zh_CN">
<context>
<name>checkpoint_desk</name>
<message><source>Since</source><translation>进入时间</translation></message>
<message><source>Inside now: {count}</source><translation>当前场内：{count} 人</translation></message>
<message><source>Roll call written to {path}</source><translation>点名表已写入 {path}</translation></message>
<message><source>Say whose contacts: --id ID or --phone P.</source><translation>请指定查谁的伴随人员：--id 身份证号 或 --phone 手机号。</translation></message>
<message><source>Near their visit at</source><translation>伴随其登记时间</translation></message>
<message><source>{asked}: {visits} visits from {first} to {last}, {count} people within ±{window} minutes.</source><translation>{asked}：{first} 至 {last} 共 {visits} 次登记，前后 {window} 分钟内 {count} 人。</translation></message>
<message><source>Contacts written to {path}</source><translation>伴随人员名单已写入 {path}</translation></message>
<message><source>Visitors</source><translation>人数</translation></message>
<message><source>Median s</source><translation>中位秒数</translation></message>
<message><source>p90 s</source><translation>P90 秒数</translation></message>
<message><source>Stops</source><translation>拦截</translation></message>
<message><source>Lane on {day}</source><translation>{day} 通行效率</translation></message>
<message><source>Evacuation roll call</source><translation>疏散点名表</translation></message>
<message><source>As of {time}</source><translation>截至 {time}</translation></message>
<message><source>Present</source><translation>到场</translation></message>
<message><source>Unknown format {format}: choose csv or pdf.</source><translation>未知格式 {format}：请选择 csv 或 pdf。</translation></message>
<message><source>The window is 1 to {most} minutes, not {value}.</source><translation>时间窗应为 1 至 {most} 分钟，而不是 {value}。</translation></message>
<message><source>--from {first} is after --to {last}.</source><translation>--from {first} 晚于 --to {last}。</translation></message>
<message><source>Contacts of {asked}</source><translation>{asked} 的时空伴随人员</translation></message>
<message><source>{first} to {last}, ±{window} minutes: one person</source><translation>{first} 至 {last}，前后 {window} 分钟：1 人</translation></message>
<message><source>{first} to {last}, ±{window} minutes: {count} people</source><translation>{first} 至 {last}，前后 {window} 分钟：{count} 人</translation></message>
<message><source>Unknown format {format}: choose csv or xlsx.</source><translation>未知格式 {format}：请选择 csv 或 xlsx。</translation></message>
<message><source>Lane per hour: seconds per visitor</source><translation>每小时通行效率：每人用时（秒）</translation></message>
<message><source>Lane per operator: seconds per visitor</source><translation>各登记员通行效率：每人用时（秒）</translation></message>
<message><source>Who is inside</source><translation>场内人员</translation></message>
<message><source>Roll call as CSV</source><translation>点名表（CSV）</translation></message>
<message><source>Printable roll call (PDF)</source><translation>打印点名表（PDF）</translation></message>
<message><source>Inside {count}</source><translation>场内 {count}</translation></message>
<message><source>Who is inside now, and the evacuation roll call (F10)</source><translation>当前场内人员及疏散点名表（F10）</translation></message>
<message><source>Lane {rate:.1f}/min</source><translation>通行 {rate:.1f} 人/分</translation></message>
<message><source>Lane {rate:.1f}/min ({count} in the last hour)</source><translation>通行 {rate:.1f} 人/分钟（近一小时 {count} 人）</translation></message>
</context>
</TS>
