<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<!-- Vehicles with occupants (issue 16 item 1): desk loop, form, ledgers, import. -->
<context>
<name>checkpoint_desk</name>
<message><source>Vehicle</source><translation>车辆</translation></message>
<message><source>Vehicle {number}</source><translation>车辆 {number}</translation></message>
<message><source>Vehicles stopped</source><translation>被拦截的车辆</translation></message>
<message><source>{vehicles} vehicles, {stopped} stopped</source><translation>共 {vehicles} 辆车，其中 {stopped} 辆被拦截</translation></message>
<message><source>Occupants</source><translation>乘车人数</translation></message>
<message><source>Stop: {names}</source><translation>拦截：{names}</translation></message>
<message><source>A vehicle entry is 1 to {maximum} characters.</source><translation>车辆登记编号应为 1 至 {maximum} 个字符。</translation></message>
<message><source>Vehicle (F4)</source><translation>车辆 (F4)</translation></message>
<message><source>Vehicle {plate} · {count} registered</source><translation>车辆 {plate} · 已登记 {count} 人</translation></message>
<message><source>Enter on an empty form closes the vehicle</source><translation>空表单按回车结束本车登记</translation></message>
<message><source>stopped by {names}</source><translation>拦截人员：{names}</translation></message>
<message><source>Vehicle {plate}: its one occupant passes</source><translation>车辆 {plate}：车上 1 人通行</translation></message>
<message><source>Vehicle {plate}: all {count} occupants pass</source><translation>车辆 {plate}：车上 {count} 人全部通行</translation></message>
<message><source>Vehicle {plate}: its one occupant · {stopped}</source><translation>车辆 {plate}：车上 1 人 · {stopped}</translation></message>
<message><source>Vehicle {plate}: {count} occupants · {stopped}</source><translation>车辆 {plate}：车上 {count} 人 · {stopped}</translation></message>
<message><source>Vehicle {plate}: scan or type the next occupant · Enter on an empty form closes the vehicle</source><translation>车辆 {plate}：请扫码或录入下一位乘车人 · 空表单按回车结束本车登记</translation></message>
<message><source>Register or clear (Esc) this visitor first, then F4.</source><translation>请先登记或清空（Esc）当前人员，再按 F4。</translation></message>
<message><source>{plate} ×{count}</source><translation>{plate} ×{count}</translation></message>
</context>
</TS>
