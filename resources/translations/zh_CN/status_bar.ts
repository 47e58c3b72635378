<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<!-- The status bar's short wordings, shown when the bar is full (font scale 1.5; desk polish). -->
<context>
<name>checkpoint_desk</name>
<message><source>{name} ({time})</source><translation>{name}（{time}）</translation></message>
<message><source>Trust list: demo</source><translation>信任列表：演示</translation></message>
<message><source>Trust list &lt;1 h</source><translation>信任列表：1 小时内</translation></message>
<message><source>Trust list {hours} h</source><translation>信任列表：{hours} 小时</translation></message>
<message><source>Trust list {days} d</source><translation>信任列表：{days} 天</translation></message>
</context>
</TS>
