<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
<name>checkpoint_desk</name>
<message><source>Thermometer: none, keyboard or serial:/dev/ttyUSB0[@9600] (1200 … 115200 baud), not {value!r}.</source><translation>体温计设置应为 无、键盘 或 串口:/dev/ttyUSB0[@9600]（波特率 1200 … 115200；也可写 none、keyboard、serial:），而不是 {value!r}。</translation></message>
<message><source>Thermometer: none, keyboard (types like a keyboard) or serial:PORT[@BAUD]</source><translation>体温计：无、键盘（像键盘一样输入的体温计）或 串口:端口[@波特率]</translation></message>
<message><source>Thermometer {port}: connecting…</source><translation>体温计 {port}：正在连接…</translation></message>
<message><source>Thermometer {port}: connected</source><translation>体温计 {port}：已连接</translation></message>
<message><source>Thermometer {port} not found ({reason}); retrying</source><translation>未找到体温计 {port}（{reason}），正在重试</translation></message>
<message><source>Household has used its {quota} exits for today</source><translation>本户今日 {quota} 人次外出名额已用完</translation></message>
<message><source>Exits per household and day (一户一天N人); the next stops (0: no rule)</source><translation>每户每天外出人次（一户一天N人）；超出即拦截（0：不限）</translation></message>
<message><source>Household</source><translation>户</translation></message>
<message><source>bldg-unit-flat</source><translation>楼-单元-户</translation></message>
<message><source>For a visitor without a resident pass: the household's address</source><translation>没有居民通行证的来访者：填写其户的住址</translation></message>
</context>
</TS>
