<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
<name>checkpoint_desk</name>
<message><source>Contacts: {count}</source><translation>时空伴随登记 {count} 条</translation></message>
<message><source>Written to {path}</source><translation>已写入 {path}</translation></message>
<message><source>--from {start} is after --to {end}.</source><translation>--from {start} 晚于 --to {end}。</translation></message>
<message><source>--window is minutes from 1 to {most}.</source><translation>--window 为 1 到 {most} 之间的分钟数。</translation></message>
<message><source>--out needs --format csv or xlsx.</source><translation>--out 需要同时给出 --format csv 或 xlsx。</translation></message>
<message><source>A trace is written as csv or xlsx, not {format}.</source><translation>伴随查询结果只能导出 csv 或 xlsx，不能导出 {format}。</translation></message>
<message><source>Station	Hour	Visits	Stops	Median s	p90 s</source><translation>卡点	时段	登记	拦截	中位秒数	p90 秒数</translation></message>
<message><source>Registered at</source><translation>登记时间</translation></message>
<message><source>Near the visit at</source><translation>伴随的登记时间</translation></message>
<message><source>Contacts</source><translation>时空伴随</translation></message>
</context>
</TS>
