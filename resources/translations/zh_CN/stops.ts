<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<!-- A stop waiting for its disposition: the re-test and digits typed meanwhile (desk polish). -->
<context>
<name>checkpoint_desk</name>
<message><source>{value} is not a body temperature: {low}–{high} ℃.</source><translation>{value} 不是体温：体温应在 {low}–{high} ℃ 之间。</translation></message>
<message><source>Re-measured: type the second temperature ({low}–{high} ℃), then Enter.</source><translation>复测：请输入第二次体温（{low}–{high} ℃），再按回车。</translation></message>
<message><source>{value} was not recorded: the stop waits for what was done. For a re-test press 3, then type the second temperature.</source><translation>{value} 未登记：请先选择对被拦截人员的处置。复测请按 3，再输入第二次体温。</translation></message>
</context>
</TS>
